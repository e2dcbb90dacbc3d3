#!/usr/bin/env python3
"""pyhttp_client.py BASE_URL CA_FILE OUT_DIR: writes the request lines of
requests/urllib3 and httpx, as those libraries log them, in three logging
layouts, for errpat's tests (see README.md):

  urllib3_default.log  basicConfig's default layout (no time), requests
  httpx_named.log      '%(asctime)s - %(name)s - %(levelname)s - %(message)s', httpx
  vsip_requests.log    the vSIP client's layout and own lines around requests
                       calls with urllib3's debug lines on, plus a test's
                       own 'METHOD URL - Status: N' line
"""
import logging
import os
import sys

import httpx
import requests

base, ca, out = sys.argv[1], sys.argv[2], sys.argv[3]
auth = (os.environ["EXO_AUTH_KEY"], os.environ["EXO_AUTH_TOKEN"])
calls = [("POST", "/trunks"), ("GET", "/trunks/TR1/credentials"), ("POST", "/trunks/TR1/phone-numbers"),
         ("POST", "/trunks/TR1/whitelisted-ips"), ("GET", "/trunks/TR1/destination-uris")]


def layout(name, fmt):
    root = logging.getLogger()
    for h in root.handlers[:]:
        root.removeHandler(h)
    h = logging.FileHandler(os.path.join(out, name), mode="w")
    h.setFormatter(logging.Formatter(fmt))
    root.addHandler(h)
    root.setLevel(logging.DEBUG)
    return logging.getLogger("__main__")


layout("urllib3_default.log", logging.BASIC_FORMAT)
with requests.Session() as s:
    for method, path in calls:
        s.request(method, base + path, json={}, auth=auth, verify=ca, timeout=10)

layout("httpx_named.log", "%(asctime)s - %(name)s - %(levelname)s - %(message)s")
with httpx.Client(auth=auth, verify=ca, timeout=10) as c:
    for method, path in calls:
        c.request(method, base + path, json={})

log = layout("vsip_requests.log", "%(asctime)s - %(levelname)s - %(message)s")
log.info("Starting API tests - Log file: vsip_requests.log")
with requests.Session() as s:
    for i, (method, path) in enumerate(calls):
        name = ("GET " if method == "GET" else "") + "Step %d" % i
        log.info("Testing %s: %s", name, path)
        r = s.request(method, base + path, json={}, auth=auth, verify=ca, timeout=10)
        if r.status_code < 400:
            log.info("✅ %s - Status: %d", name, r.status_code)
        else:
            log.error("❌ %s - HTTP %d: %s", name, r.status_code, r.reason)
            log.error("Error details: %s", r.text)
    # A test's own line after each call, as many test scripts write.
    for method, path in calls[:2]:
        r = s.request(method, base + path, json={}, auth=auth, verify=ca, timeout=10)
        log.info("%s %s - Status: %d", method, base + path, r.status_code)
log.info("📊 Test Summary: done")
