// Package quote is a dependency saved by godep in Godeps/_workspace, found on
// GOPATH when the app builds in GOPATH mode.
package quote

// Line is what the app quotes.
func Line() string { return "Don't communicate by sharing memory, share memory by communicating." }
