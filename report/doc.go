// Package report turns an analysis into one report model and renders it
// as text, Markdown or JSON. Every format has the same sections.
package report
