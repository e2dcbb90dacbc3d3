package parsers

import (
	"bytes"
	"path/filepath"
	"strings"
)

// notLog tells whether an input that is in no format errpat reads is
// plainly not a log or report: binary data (images, archives,
// executables), an HTML page, or a file whose name says it is source
// code, a document, a style sheet or configuration. Such files lie about
// in the folders users point errpat at, and are skipped without a word;
// anything else that cannot be read is a problem worth naming.
func notLog(name string, head []byte) bool {
	if looksBinary(head) && !looksUTF16(head) {
		return true
	}
	text := bytes.ToLower(bytes.TrimLeft(trimBOM(head[:min(len(head), 512)]), " \t\r\n"))
	if bytes.HasPrefix(text, []byte("<!doctype html")) || bytes.HasPrefix(text, []byte("<html")) {
		return true
	}
	base := strings.ToLower(filepath.Base(name))
	if notLogNames[base] {
		return true
	}
	return notLogExts[filepath.Ext(strings.TrimSuffix(base, ".gz"))]
}

// notLogExts are the extensions of files that are not logs or reports.
var notLogExts = setOf(
	// source code
	".go", ".py", ".pyc", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".java", ".class", ".kt", ".scala",
	".groovy", ".c", ".h", ".cc", ".cpp", ".hpp", ".rs", ".rb", ".php", ".cs", ".swift", ".m", ".sh",
	".bash", ".zsh", ".fish", ".ps1", ".bat", ".cmd", ".pl", ".lua", ".r", ".sql", ".vue", ".svelte",
	// documents and pages
	".md", ".markdown", ".rst", ".adoc", ".tex", ".htm", ".html", ".xhtml", ".pdf", ".doc", ".docx",
	".odt", ".rtf", ".ipynb",
	// styles and images
	".css", ".scss", ".sass", ".less", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp",
	".tif", ".tiff",
	// archives and binaries
	".zip", ".tar", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".jar", ".war", ".whl", ".so", ".dll",
	".exe", ".o", ".a",
	// configuration and keys
	".yml", ".yaml", ".toml", ".ini", ".cfg", ".properties", ".lock", ".mod", ".sum", ".pem", ".crt",
	".key", ".pub",
)

// notLogNames are file names that are not logs or reports.
var notLogNames = setOf("makefile", "dockerfile", "license", "licence", "copying", "notice", "readme",
	"changelog", "authors", "contributors", "codeowners", "procfile", "jenkinsfile", "vagrantfile",
	"package.json", "package-lock.json", "tsconfig.json", "jsconfig.json", "composer.json", "angular.json",
	"lerna.json", "renovate.json", "babel.config.json", "pom.xml", "build.gradle", "requirements.txt")

func setOf(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}
