// Sample Go web app in the older GOPATH layout (Godeps/Godeps.json, no go.mod):
// it builds under its import path, so the binary is bin/go-gopath-app, and
// with no Procfile web runs that. It answers at / with its config and the Go
// that built it (Godeps.json asks for Go 1.24).
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"runtime"

	"github.com/paas-samples/quote"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "5000"
	}
	greeting := os.Getenv("GREETING")
	if greeting == "" {
		greeting = "unset"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "Hello from Go (GOPATH mode), GREETING=%s, built with %s: %s\n", greeting, runtime.Version(), quote.Line())
	})
	log.Printf("listening on %s with %s", port, runtime.Version())
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
