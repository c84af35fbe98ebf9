// Package greeting is a dependency vendored with the app (go mod vendor), so
// the app builds offline with -mod=vendor.
package greeting

import "fmt"

// For says hello for a layout, with the app's GREETING config var.
func For(layout, greeting string) string {
	if greeting == "" {
		greeting = "unset"
	}
	return fmt.Sprintf("Hello from Go (%s), GREETING=%s", layout, greeting)
}
