#!/bin/sh
# make.sh SRC OUT [FAULT...]: runs the vSIP repository's own clients
# (SRC holds tests/test_all_apis.py, tests/integration_test.py and
# tests/load_test.py) against server.py under each fault and copies what
# they write into OUT/<fault>/. Everything runs in a network namespace of
# its own (unshare -n) where only loopback exists: the clients reach
# 127.0.0.1 and nothing else, and a name lookup fails locally.
set -eu
if [ -z "${ERRPAT_NETNS:-}" ]; then
	exec env ERRPAT_NETNS=1 unshare -n sh -c 'ip link set lo up && exec sh "$0" "$@"' "$0" "$@"
fi
SRC=$(cd "$1" && pwd); OUT=$(mkdir -p "$2" && cd "$2" && pwd); shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
FAULTS=${*:-"ok slow hang reset tls dns ratelimit burst503 flaky500 empty killed tz"}
PY=${PY:-/usr/bin/python3}
KEY=key_fault0a1b2c3d
TOKEN=tok_fault9z8y7x6w
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
	-addext subjectAltName=IP:127.0.0.1 -keyout "$TMP/key.pem" -out "$TMP/cert.pem" 2>/dev/null

run_fault() { # fault port
	f=$1; PORT=$2; W=$TMP/$f; mkdir -p "$W/tests"; cp "$SRC"/tests/*.py "$W/tests/"
	server=$f; domain=127.0.0.1:$PORT; token=$TOKEN; trust=$TMP/cert.pem; kill_after=""; zone=UTC
	case $f in
	tls) server=clientcert; trust=/nonexistent ;; # self-signed and asks for a client certificate
	dns) domain=api.fault.invalid ;;
	empty) server=ok; token="" ;;
	killed) server=stall; kill_after=6 ;;
	tz) server=flaky500; zone=Asia/Kolkata ;;
	esac
	for client in test_all_apis integration_test load_test; do
		[ "$f" = killed ] && [ "$client" = integration_test ] && continue
		"$PY" "$HERE/server.py" --port $PORT --cert "$TMP/cert.pem" --key-file "$TMP/key.pem" \
			--fault "$server" --key $KEY --token $TOKEN --max-seconds 150 2>/dev/null &
		spid=$!
		sleep 1
		args=""; [ $client = load_test ] && args="-r 12 -c 4"
		(cd "$W" && env TZ=$zone SSL_CERT_FILE=$trust EXO_AUTH_KEY=$KEY EXO_AUTH_TOKEN="$token" \
			EXO_SUBSCRIBIX_DOMAIN=$domain EXO_ACCOUNT_SID=AC_fault_test EXOPHONE=+910000000001 \
			${kill_after:+timeout -s KILL $kill_after} "$PY" tests/$client.py $args \
			>"$W/$client.stdout" 2>"$W/$client.stderr") || true
		kill $spid 2>/dev/null || true; wait $spid 2>/dev/null || true
	done
	mkdir -p "$OUT/$f"
	cp "$W"/logs/* "$OUT/$f/" 2>/dev/null || true
	# The load tester logs to stderr only.
	cp "$W/load_test.stderr" "$OUT/$f/load_test_stderr.log"
}

port=18440
for f in $FAULTS; do
	port=$((port + 1))
	if [ "$f" = pyhttp ]; then # requests' and httpx's own log lines
		"$PY" "$HERE/server.py" --port $port --cert "$TMP/cert.pem" --key-file "$TMP/key.pem" \
			--fault flaky500 --key $KEY --token $TOKEN --max-seconds 60 2>/dev/null &
		sleep 1
		mkdir -p "$OUT/pyhttp"
		EXO_AUTH_KEY=$KEY EXO_AUTH_TOKEN=$TOKEN "$PY" "$HERE/pyhttp_client.py" \
			https://127.0.0.1:$port/v2/accounts/AC_fault_test "$TMP/cert.pem" "$OUT/pyhttp"
		kill $! 2>/dev/null || true
		continue
	fi
	run_fault "$f" $port &
done
wait
