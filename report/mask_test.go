package report

import (
	"reflect"
	"strings"
	"testing"
)

// TestMaskReachesEveryString fills every string of the model, through
// every pointer and slice, with a secret, masks the report and looks
// for a secret left: a string field added to the model and not named in
// Mask fails here.
func TestMaskReachesEveryString(t *testing.T) {
	var rep Report
	n := 0
	fillStrings(t, reflect.ValueOf(&rep).Elem(), "Report", &n)
	if n < 50 {
		t.Fatalf("got %d strings filled, want 50 or more: the walk lost the model", n)
	}
	rep.Mask(func(s string) string { return strings.ReplaceAll(s, "secret", "***") })
	findStrings(reflect.ValueOf(rep), "Report", func(path, s string) {
		if strings.Contains(s, "secret") {
			t.Errorf("got %s = %q after Mask, want it masked", path, s)
		}
	})
}

// fillStrings gives every exported string reachable from v a secret,
// allocating pointers and one element of each slice on the way.
func fillStrings(t *testing.T, v reflect.Value, path string, n *int) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		*n++
		v.SetString("a secret in " + path)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillStrings(t, v.Elem(), path, n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fillStrings(t, v.Index(0), path+"[0]", n)
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				fillStrings(t, v.Field(i), path+"."+f.Name, n)
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			t.Fatalf("got a map keyed by %s at %s, want the walk taught about it", v.Type().Key(), path)
		}
		*n++
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(reflect.ValueOf("a secret key in "+path), reflect.Zero(v.Type().Elem()))
	case reflect.Interface, reflect.Array:
		t.Fatalf("got a %s at %s, want the walk taught about it", v.Kind(), path)
	}
}

func findStrings(v reflect.Value, path string, visit func(path, s string)) {
	switch v.Kind() {
	case reflect.String:
		visit(path, v.String())
	case reflect.Pointer:
		if !v.IsNil() {
			findStrings(v.Elem(), path, visit)
		}
	case reflect.Slice:
		for i := range v.Len() {
			findStrings(v.Index(i), path+"[i]", visit)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			findStrings(k, path+"{key}", visit)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				findStrings(v.Field(i), path+"."+f.Name, visit)
			}
		}
	}
}
