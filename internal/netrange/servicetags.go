package netrange

import (
	"strconv"
	"strings"
)

// Azure NSG address prefixes. A source or destination of an NSG rule is a
// CIDR, a bare address, or a tag. Of the tags, `*` and `Any` mean every
// address and `Internet` means every address outside the virtual network
// that is reachable from the internet (Azure documents the Internet tag as
// "the IP address space that's outside the virtual network and reachable by
// the public internet"; learn.microsoft.com/azure/virtual-network/service-tags-overview).
// The other service tags (VirtualNetwork, AzureLoadBalancer,
// AzureFrontDoor.Backend, Storage.WestEurope, …) name ranges owned by
// Microsoft or the customer's own network, so they are not the internet.

// NSGPrefixKind classifies one NSG address prefix.
type NSGPrefixKind uint8

const (
	// NSGPrefixCIDR is a CIDR or a bare address (read by netrange).
	NSGPrefixCIDR NSGPrefixKind = iota
	// NSGPrefixInternet is *, Any or Internet: every public address of
	// both families.
	NSGPrefixInternet
	// NSGPrefixTag is any other service or custom tag: not the internet.
	NSGPrefixTag
	// NSGPrefixMalformed looks like an address (digits, dots, colons and a
	// slash) but does not parse.
	NSGPrefixMalformed
)

// ClassifyNSGPrefix tells what an NSG address prefix is.
func ClassifyNSGPrefix(prefix string) NSGPrefixKind {
	s := strings.TrimSpace(prefix)
	switch strings.ToLower(s) {
	case "*", "any", "internet":
		return NSGPrefixInternet
	}
	if _, _, ok := parseSource(s); ok {
		return NSGPrefixCIDR
	}
	if strings.IndexFunc(s, func(r rune) bool {
		return (r < '0' || r > '9') && r != '.' && r != ':' && r != '/' && (r < 'a' || r > 'f') && (r < 'A' || r > 'F')
	}) < 0 && strings.ContainsAny(s, ".:") {
		return NSGPrefixMalformed
	}
	return NSGPrefixTag
}

// NSGSources returns the CIDRs an NSG address prefix stands for, by family,
// for a Permission: the world blocks of both families for *, Any and
// Internet, the prefix itself for a CIDR or address, and nothing for any
// other tag. A malformed prefix is returned as is, so Permission.Malformed
// reports it.
func NSGSources(prefix string) (v4, v6 []string) {
	s := strings.TrimSpace(prefix)
	// A bare 0.0.0.0 or :: is read as the whole family, as other scanners
	// (Checkov's NSG checks) read it: fail closed on the unspecified address.
	switch s {
	case "0.0.0.0":
		return []string{"0.0.0.0/0"}, nil
	case "::":
		return nil, []string{"::/0"}
	}
	switch ClassifyNSGPrefix(s) {
	case NSGPrefixInternet:
		return []string{"0.0.0.0/0"}, []string{"::/0"}
	case NSGPrefixCIDR:
		if _, fam, _ := parseSource(s); fam == IPv6 {
			return nil, []string{s}
		}
		return []string{s}, nil
	case NSGPrefixMalformed:
		return []string{s}, nil
	}
	return nil, nil
}

// NSGProtocol maps an NSG rule protocol (Tcp, Udp, Icmp, Esp, Ah, *) to the
// protocol names and numbers ClassifyProtocol reads; ok is false for a value
// that is none of them.
func NSGProtocol(p string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(p)) {
	case "*", "any":
		return "-1", true
	case "tcp":
		return "tcp", true
	case "udp":
		return "udp", true
	case "icmp":
		return "icmp", true
	case "esp":
		return "50", true
	case "ah":
		return "51", true
	}
	return "", false
}

// NSGPortRange reads an NSG port spec ("22", "20-30", "*") as the inclusive
// range it covers; ok is false for a spec that is none of those.
func NSGPortRange(spec string) (from, to int64, ok bool) {
	s := strings.TrimSpace(spec)
	if s == "*" {
		return 0, 65535, true
	}
	lo, hi, isRange := strings.Cut(s, "-")
	var err error
	if from, err = strconv.ParseInt(strings.TrimSpace(lo), 10, 64); err != nil {
		return 0, 0, false
	}
	to = from
	if isRange {
		if to, err = strconv.ParseInt(strings.TrimSpace(hi), 10, 64); err != nil {
			return 0, 0, false
		}
	}
	if from < 0 || to > 65535 || to < from {
		return 0, 0, false
	}
	return from, to, true
}
