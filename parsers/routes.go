package parsers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ReadRoutes reads the endpoint templates of an API from an OpenAPI 3
// document (JSON or YAML: the keys of its paths) or a Postman collection
// (the URLs of its requests, in folders too), so that endpoints can be
// named as the API defines them. Variables are written {name} whatever
// the source wrote ({{trunk_sid}} in Postman, :id in a Postman path), and
// the query is left out. The templates come back sorted, each once.
func ReadRoutes(name string) ([]string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	routes, err := parseRoutes(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return routes, nil
}

func parseRoutes(b []byte) ([]string, error) {
	var doc any
	if t := bytes.TrimLeft(b, "\ufeff \t\r\n"); len(t) > 0 && t[0] == '{' {
		if err := json.Unmarshal(t, &doc); err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
	} else if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("invalid YAML: %w", err)
	}
	top, _ := doc.(map[string]any)
	var routes []string
	switch {
	case top["openapi"] != nil || top["swagger"] != nil:
		paths, ok := top["paths"].(map[string]any)
		if !ok {
			return nil, errors.New("OpenAPI document without a paths object")
		}
		for p := range paths {
			routes = append(routes, Template(p))
		}
	case top["item"] != nil:
		routes = postmanRoutes(top["item"], routes)
	default:
		return nil, errors.New("neither an OpenAPI document (openapi, paths) nor a Postman collection (info, item)")
	}
	routes = slices.DeleteFunc(routes, func(s string) bool { return s == "" || s == "/" })
	if len(routes) == 0 {
		return nil, errors.New("no endpoint templates in it")
	}
	slices.Sort(routes)
	return slices.Compact(routes), nil
}

// postmanRoutes appends the templates of a collection's items: requests,
// and folders of items.
func postmanRoutes(items any, routes []string) []string {
	list, _ := items.([]any)
	for _, it := range list {
		m, _ := it.(map[string]any)
		if sub, ok := m["item"]; ok {
			routes = postmanRoutes(sub, routes)
			continue
		}
		req, _ := m["request"].(map[string]any)
		if p := postmanPath(req["url"]); p != "" {
			routes = append(routes, Template(p))
		}
	}
	return routes
}

// postmanPath is a request URL's path: its path list, or its raw text
// without the scheme and host (a variable such as {{base_url}} included).
func postmanPath(u any) string {
	var raw string
	switch u := u.(type) {
	case string:
		raw = u
	case map[string]any:
		if segs, ok := u["path"].([]any); ok {
			var b strings.Builder
			for _, s := range segs {
				b.WriteByte('/')
				switch s := s.(type) {
				case string:
					b.WriteString(s)
				case map[string]any:
					v, _ := s["value"].(string)
					b.WriteString(v)
				}
			}
			return b.String()
		}
		raw, _ = u["raw"].(string)
	}
	if i := strings.Index(raw, "://"); i >= 0 {
		raw = raw[i+3:]
	}
	if i := strings.IndexByte(raw, '/'); i >= 0 {
		return raw[i:]
	}
	return ""
}

// Template writes an endpoint template the one way: "/" first, variables
// as {name} ({{name}} and :name too), no query or fragment, no trailing
// "/".
func Template(p string) string {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	segs := strings.Split(strings.Trim(strings.TrimSpace(p), "/"), "/")
	for i, s := range segs {
		switch {
		case strings.HasPrefix(s, "{{") && strings.HasSuffix(s, "}}"):
			segs[i] = s[1 : len(s)-1]
		case strings.HasPrefix(s, ":") && len(s) > 1:
			segs[i] = "{" + s[1:] + "}"
		}
	}
	return "/" + strings.Join(segs, "/")
}
