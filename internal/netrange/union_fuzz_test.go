package netrange

import (
	"encoding/binary"
	"net/netip"
	"strings"
	"testing"
)

// FuzzInternetCIDR checks InternetCIDR against its definition: it accepts
// what WorldCIDR accepts, every /0 is the internet, nothing of /8 (IPv4) or
// /16 (IPv6) or longer is, and a block inside a reserved range never is.
func FuzzInternetCIDR(f *testing.F) {
	for _, s := range []string{"0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/7", "224.0.0.0/3", "52.0.0.0/7", "52.0.0.0/8", "::/0", "2000::/3", "fc00::/7", "2600::/15", "::ffff:0.0.0.0/97", "::ffff:0.0.0.0/95", "::ffff:0:0", "192.168.1.1", "fe80::1%eth0", "not-a-cidr", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		world, fam, ok := InternetCIDR(s)
		_, wfam, wok := WorldCIDR(s)
		if ok != wok || (ok && fam != wfam) {
			t.Fatalf("InternetCIDR(%q) = %v, %v; WorldCIDR says %v, %v", s, fam, ok, wfam, wok)
		}
		if !ok {
			if world {
				t.Fatalf("InternetCIDR(%q): world without ok", s)
			}
			return
		}
		p, _, _ := parseSource(s)
		limit := 8
		if fam == IPv6 {
			limit = 16
		}
		switch {
		case p.Bits() == 0 && !world:
			t.Fatalf("InternetCIDR(%q): a /0 is not the internet", s)
		case p.Bits() >= limit && world:
			t.Fatalf("InternetCIDR(%q): a /%d is the internet", s, p.Bits())
		}
		if world {
			for _, r := range reservedOf(fam) {
				if r.Bits() <= p.Bits() && r.Contains(p.Addr()) {
					t.Fatalf("InternetCIDR(%q): a block inside reserved %s is the internet", s, r)
				}
			}
		}
	})
}

func reservedOf(fam Family) []netip.Prefix {
	list := notPublicV4
	if fam == IPv6 {
		list = append([]string{"::/3", "4000::/2", "8000::/1"}, notPublicV6...)
	}
	out := make([]netip.Prefix, len(list))
	for i, s := range list {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// FuzzUnionWorld checks CoversInternet, the union of sources, against
// netip.Prefix.Contains: when the prefixes do not cover the internet, the
// first public address left over is in none of them; when they do and none is
// the internet on its own, every end of every public range is in one of them;
// adding a prefix never uncovers the internet.
func FuzzUnionWorld(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 1, 128, 0, 0, 0, 1}, false)
	f.Add([]byte{1, 0, 0, 0, 8, 2, 0, 0, 0, 7, 4, 0, 0, 0, 6}, false)
	f.Add([]byte{0x20, 0, 0, 0, 4, 0x30, 0, 0, 0, 4}, true)
	f.Add([]byte{10, 0, 0, 0, 8, 172, 16, 0, 0, 12}, false)
	f.Fuzz(func(t *testing.T, data []byte, v6 bool) {
		fam := IPv4
		if v6 {
			fam = IPv6
		}
		var ps []netip.Prefix
		for len(data) >= 5 && len(ps) < 64 {
			ps = append(ps, fuzzPrefix(data[:5], v6))
			data = data[5:]
		}
		covered := CoversInternet(fam, ps...)
		if len(ps) > 0 && covered && !CoversInternet(fam, append(ps, fuzzPrefix([]byte{1, 2, 3, 4, 30}, v6))...) {
			t.Fatalf("adding a prefix uncovered the internet: %v", ps)
		}
		public := publicSpace[famIndex(fam)]
		var set rangeSet
		single := false
		for _, p := range ps {
			set = append(set, prefixRange(p))
			single = single || internetPrefix(p, fam)
		}
		left := public.subtract(normalize(set))
		if !covered {
			if len(left) == 0 {
				t.Fatalf("not covered, but nothing public is left over: %v", ps)
			}
			a := u128Addr(left[0].lo, fam)
			for _, p := range ps {
				if p.Contains(a) {
					t.Fatalf("left-over %s is in %s", a, p)
				}
			}
			return
		}
		if single {
			return
		}
		for _, r := range public {
			for _, x := range []u128{r.lo, r.hi} {
				a, in := u128Addr(x, fam), false
				for _, p := range ps {
					in = in || p.Contains(a)
				}
				if !in {
					t.Fatalf("covered, but public %s is in none of %v", a, ps)
				}
			}
		}
	})
}

func fuzzPrefix(b []byte, v6 bool) netip.Prefix {
	if !v6 {
		return netip.PrefixFrom(netip.AddrFrom4([4]byte{b[0], b[1], b[2], b[3]}), int(b[4])%33).Masked()
	}
	var a [16]byte
	copy(a[:4], b[:4])
	return netip.PrefixFrom(netip.AddrFrom16(a), int(b[4])%129).Masked()
}

func u128Addr(x u128, fam Family) netip.Addr {
	if fam == IPv4 {
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], uint32(x.lo))
		return netip.AddrFrom4(b)
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], x.hi)
	binary.BigEndian.PutUint64(b[8:], x.lo)
	return netip.AddrFrom16(b)
}

// TestInternetCIDR_examples pins the reading of a few sources.
func TestInternetCIDR_examples(t *testing.T) {
	for s, want := range map[string]bool{
		"0.0.0.0/0": true, "0.0.0.0/1": true, "128.0.0.0/1": true, "52.0.0.0/7": true, "52.0.0.0/8": false,
		"10.0.0.0/7": true, "224.0.0.0/3": false, "100.64.0.0/10": false, "::/0": true, "2000::/3": true,
		"fc00::/7": false, "fe80::/10": false, "2600::/15": true, "2600::/16": false, "::ffff:0.0.0.0/97": true,
	} {
		if got, _, ok := InternetCIDR(s); got != want || !ok {
			t.Errorf("InternetCIDR(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	if !CoversInternet(IPv4, netip.MustParsePrefix("0.0.0.0/2")) {
		t.Error("0.0.0.0/2 alone does not count as the internet")
	}
	if CoversInternet(IPv4, netip.MustParsePrefix("1.0.0.0/8"), netip.MustParsePrefix("2.0.0.0/8")) {
		t.Error("two /8s cover the internet")
	}
	var eights []netip.Prefix
	for i := 1; i < 224; i++ {
		if i == 10 || i == 127 {
			continue
		}
		eights = append(eights, netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(i)}), 8))
	}
	if !CoversInternet(IPv4, eights...) {
		t.Error("every public /8 does not cover the internet")
	}
	if CoversInternet(IPv4, eights[1:]...) {
		t.Error("every public /8 but 1.0.0.0/8 covers the internet")
	}
	if !strings.Contains(prefixList(eights), "more") {
		t.Error("long prefix lists are not shortened")
	}
}
