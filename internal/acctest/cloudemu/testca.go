// Package cloudemu runs local servers that speak the wire protocols of
// Microsoft Defender for Cloud (Azure Resource Manager over HTTPS, with
// Microsoft Entra ID token acquisition) and Google Security Command Center
// (gRPC over TLS), answering with payloads shaped like the vendors'
// published examples, so that tests run the real client libraries with their
// real transports without a cloud. Neither vendor ships an emulator.
//
// TLS: one test CA per process signs the servers' certificates; it is
// trusted through SSL_CERT_FILE, which Go reads once, at the first use of
// the system roots. TrustSharedCA must therefore run before any TLS
// connection of the process: call it from an init function or TestMain.
package cloudemu

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// CA is a test certificate authority and the localhost certificate it signed.
type CA struct {
	// File is the PEM file of the CA certificate (what SSL_CERT_FILE names).
	File   string
	server tls.Certificate
}

var (
	sharedOnce sync.Once
	shared     *CA
	sharedErr  error
)

// TrustSharedCA creates the process's test CA (once), writes its
// certificate to a temporary file and points SSL_CERT_FILE at it, so the
// Azure and Google SDKs' default transports trust the local servers.
func TrustSharedCA() (*CA, error) {
	sharedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "baseline-testca-")
		if err != nil {
			sharedErr = err
			return
		}
		shared, sharedErr = NewCA(dir)
		if sharedErr == nil {
			sharedErr = os.Setenv("SSL_CERT_FILE", shared.File)
		}
	})
	return shared, sharedErr
}

// MustTrustSharedCA is TrustSharedCA for init functions.
func MustTrustSharedCA() *CA {
	ca, err := TrustSharedCA()
	if err != nil {
		panic(fmt.Sprintf("cloudemu: test CA: %v", err))
	}
	return ca
}

// NewCA generates a CA and a certificate for 127.0.0.1, ::1 and localhost,
// and writes the CA certificate to dir/ca.pem.
func NewCA(dir string) (*CA, error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "baseline test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	file := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o600); err != nil {
		return nil, err
	}
	return &CA{File: file, server: tls.Certificate{Certificate: [][]byte{der, caDER}, PrivateKey: key}}, nil
}

// ServerTLS is the TLS configuration of the local servers.
func (c *CA) ServerTLS() *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{c.server}, MinVersion: tls.VersionTLS12, NextProtos: []string{"http/1.1"}}
}
