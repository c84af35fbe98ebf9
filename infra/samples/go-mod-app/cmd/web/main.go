// Sample Go web app in module mode: its command is cmd/web, so the binary is
// bin/web and the Procfile says "web: web". It answers at / with its config,
// the Go that built it and a vendored dependency's greeting.
package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"

	"example.com/greeting"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "5000"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "%s, built with %s\n", greeting.For("module mode", os.Getenv("GREETING")), runtime.Version())
	})
	srv := &http.Server{Addr: ":" + port}
	go func() {
		// Stop cleanly when the platform stops the container.
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, syscall.SIGTERM, os.Interrupt)
		<-stop
		srv.Shutdown(context.Background())
	}()
	log.Printf("listening on %s with %s", port, runtime.Version())
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		log.Fatal(err)
	}
}
