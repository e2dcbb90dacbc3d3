package main

import (
	"math/rand/v2"
	"strconv"
)

// errorBody returns the API's JSON error body for status, for a request on
// trunk sid sent by test key at time t.
func errorBody(r *rand.Rand, c *clock, status int, key, sid string, t int64) jnode {
	switch status {
	case 400:
		return validationBody(r, key)
	case 401:
		return obj(
			kv("error", str("Authentication failed")),
			kv("message", str("Invalid API credentials")),
			kv("code", str("AUTH_FAILED")),
			kv("timestamp", str(string(c.appendISOZ(nil, t)))),
		)
	case 403:
		return obj(
			kv("error", str("Access denied")),
			kv("message", str("Account does not have vSIP feature enabled")),
			kv("code", str("FEATURE_NOT_ENABLED")),
			kv("timestamp", str(string(c.appendISOZ(nil, t)))),
		)
	case 404:
		return obj(
			kv("error", str("Resource not found")),
			kv("message", str("Trunk with SID '"+sid+"' not found")),
			kv("code", str("RESOURCE_NOT_FOUND")),
			kv("resource_type", str("trunk")),
			kv("resource_id", str(sid)),
		)
	case 422:
		return obj(
			kv("error", str("Resource conflict")),
			kv("message", str("Trunk name 'prod_trunk_"+strconv.Itoa(1+r.IntN(999))+"' already exists")),
			kv("code", str("DUPLICATE_RESOURCE")),
			kv("existing_resource_id", str(newID(r, "TR"))),
		)
	case 429:
		return rateLimitBody(c, t)
	case 500:
		return obj(
			kv("error", str("Internal Server Error")),
			kv("message", str("Unexpected error while processing request "+reqID(r))),
			kv("code", str("INTERNAL_ERROR")),
		)
	case 503:
		return obj(
			kv("error", str("Service Unavailable")),
			kv("message", str("Upstream trunk service unavailable, retry later")),
			kv("code", str("SERVICE_UNAVAILABLE")),
		)
	}
	return obj(kv("error", str(reasons[status])))
}

// rateLimitBody is the 429 body, which tells when the window resets.
func rateLimitBody(c *clock, t int64) jnode {
	return obj(
		kv("error", str("Rate limit exceeded")),
		kv("message", str("Maximum 100 requests per minute exceeded")),
		kv("retry_after", num(60)),
		kv("limit", num(100)),
		kv("remaining", num(0)),
		kv("reset_time", str(string(c.appendISOZ(nil, t)))),
	)
}

// validationBody is the 400 body for the input test key sends.
func validationBody(r *rand.Rand, key string) jnode {
	var field, msg string
	switch key {
	case "create_trunk":
		field, msg = "nso_code", "Invalid format. Expected: ABC-XYZ"
	case "map_did":
		field, msg = "phone_number", "Invalid E.164 number '+91"+strconv.Itoa(70000000+r.IntN(29999999))+"'"
	default:
		field = "ip"
		msg = "Invalid IP '10." + strconv.Itoa(r.IntN(256)) + "." + strconv.Itoa(r.IntN(256)) + ".300'"
	}
	return obj(
		kv("error", str("Validation failed")),
		kv("details", obj(kv(field, arr(str(msg))))),
		kv("code", str("VALIDATION_ERROR")),
	)
}

// payload returns the JSON body a POST test sends (logged at DEBUG).
func payload(r *rand.Rand, key string) jnode {
	dest := func(transport string) jnode {
		return obj(kv("destinations", arr(obj(kv("destination", str("192.168.1.200:5060"+transport))))))
	}
	switch key {
	case "create_trunk":
		return obj(
			kv("trunk_name", str("prod_trunk_"+strconv.Itoa(1+r.IntN(999)))),
			kv("nso_code", str("ANY-ANY")),
			kv("domain_name", str("acme1.pstn.exotel.com")),
		)
	case "map_did":
		return obj(kv("phone_number", str("+9198765"+strconv.Itoa(10000+r.IntN(89999)))))
	case "whitelist_ip":
		return obj(kv("ip", str("192.168.1.100")), kv("mask", num(32)))
	case "add_destination_udp":
		return dest("")
	case "add_destination_tcp":
		return dest(";transport=tcp")
	case "add_destination_tls":
		return dest(";transport=tls")
	case "set_trunk_alias":
		return obj(kv("settings", arr(obj(
			kv("name", str("trunk_external_alias")),
			kv("value", str("+918047112234")),
		))))
	}
	return obj()
}

// successBody is the short body the client keeps in its results file.
func successBody(sid string) jnode {
	return obj(kv("sid", str(sid)), kv("status", str("active")))
}

// verboseResponse is the fuller body logged at DEBUG after a success.
func verboseResponse(r *rand.Rand, c *clock, key, sid string, t int64) jnode {
	created := str(string(c.appendISOZ(nil, t)))
	switch key {
	case "create_trunk":
		return obj(
			kv("sid", str(sid)),
			kv("nso_code", str("ANY-ANY")),
			kv("domain_name", str("acme1.pstn.exotel.com")),
			kv("status", str("active")),
			kv("created_at", created),
		)
	case "get_destination_uris", "get_whitelisted_ips", "get_credentials", "get_phone_numbers":
		return obj(kv("trunk_sid", str(sid)), kv("count", num(int64(1+r.IntN(5)))), kv("status", str("active")))
	}
	return obj(
		kv("sid", str(newID(r, "RS"))),
		kv("trunk_sid", str(sid)),
		kv("status", str("active")),
		kv("created_at", created),
	)
}
