// Package report turns an analysis into one report model and renders it
// in the output formats of one table (formats.go: text, Markdown, JSON,
// HTML, CSV) through Render. Every format has the same sections.
package report
