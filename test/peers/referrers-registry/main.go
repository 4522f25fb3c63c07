// A registry with the OCI 1.1 referrers API for ocikit's tests:
// go-containerregistry's in-memory pkg/registry with referrers turned on
// (`crane registry serve` leaves them off). It listens on 127.0.0.1 only, on the
// port given or one the kernel picks, and prints "listening on <host:port>" once
// it accepts connections, so the harness needs no port probing.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
)

func main() {
	port := flag.Int("port", 0, "port on 127.0.0.1 (0: any free port)")
	verbose := flag.Bool("v", false, "log every request to stderr")
	flag.Parse()

	listener, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		log.Fatalf("listen: %v", err)
	}
	logger := log.New(os.Stderr, "", log.LstdFlags)
	if !*verbose {
		logger = log.New(discard{}, "", 0)
	}
	handler := registry.New(registry.WithReferrersSupport(true), registry.Logger(logger))
	fmt.Printf("listening on %s\n", listener.Addr())
	server := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(server.Serve(listener))
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
