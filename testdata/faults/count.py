#!/usr/bin/env python3
"""count.py DIR: counts each fault run under DIR from its files, without
errpat, by the clients' own rules (see parsers/pyclient.go): one request
per "Testing <name>: <endpoint>" / "🔄 <op>: <endpoint>" line that has a
result line, a ✅ line followed by the client's ❌ line for the same
test being one failed request; the results file holds the same requests
as its log, so it counts only where its log has none; one request per
entry of a load tester's results. Prints one JSON object per fault."""
import datetime, glob, json, os, re, sys
from collections import Counter

LINE = re.compile(r'^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) - (\w+) - (.*)$')
START = re.compile(r'^(?:Testing |🔄 )(.+?): (\S+)$')
END = re.compile(r'^(✅|❌) (.+?) - (?:Status: (\d+)|HTTP (\d+): .*|(?:Network error|Unexpected error|Exception|Error): ?(.*))$')


def cls(msg, secs):
    m = msg.lower()
    if m == '':
        return 'timeout' if secs is not None and secs >= 1 else 'network'
    m = re.sub(r' ssl:\S+', '', m)
    if m.startswith('missing credentials'):
        return 'auth'  # never sent: a credential was not set
    if re.search(r'name or service not known|temporary failure in name resolution|errno -[235]\]', m):
        return 'dns'
    if 'timed out' in m or 'timeout' in m:
        return 'timeout'
    if re.search(r'ssl|certificate|tls|violation of protocol', m):
        return 'tls'
    return 'network'


def method(name):
    first = name.split(' ')[0].upper()
    return first if first in ('GET', 'DELETE', 'PUT', 'PATCH') else 'POST'


def fold(ep):
    return re.sub(r'/trunks/[^/?]+', '/trunks/{id}', ep)


def stamp(s):
    return datetime.datetime.strptime(s, '%Y-%m-%d %H:%M:%S,%f')


def log_requests(path):
    reqs, open_, last, summary = [], None, None, False
    for line in open(path, encoding='utf-8'):
        m = LINE.match(line.rstrip('\n'))
        if not m:
            continue
        msg = m.group(3)
        if 'Test Summary:' in msg or 'Test results saved to:' in msg:
            summary = True
        s, e = START.match(msg), END.match(msg)
        if s:
            open_ = {'name': s.group(1), 'endpoint': s.group(2), 'method': method(s.group(1)), 'start': m.group(1)}
        elif e and open_ and e.group(2) == open_['name']:
            r = open_
            r['status'] = int(e.group(3) or e.group(4) or 0)
            r['failed'] = e.group(1) == '❌'
            r['message'] = e.group(5) if e.group(5) is not None else ''
            r['secs'] = (stamp(m.group(1)) - stamp(r['start'])).total_seconds()
            reqs.append(r)
            open_, last = None, r
        elif e and last and e.group(1) == '❌' and e.group(2) == last['name'] and not last['failed'] and e.group(5) is not None:
            last['failed'] = True  # ✅ then ❌ for the same request
    return reqs, summary


def count(d):
    out = {'requests': 0, 'failed': 0, 'by_status': Counter(), 'by_class': Counter(), 'by_endpoint': Counter(),
           'retry_after': Counter(), 'runs': 0, 'incomplete_runs': 0, 'slow_over_2s': 0}

    def add(method_, ep, status, failed, msg, secs, retry):
        out['requests'] += 1
        out['failed'] += failed
        out['by_status'][str(status)] += 1
        if failed and status == 0:
            out['by_class'][cls(msg, secs)] += 1
        out['by_endpoint'][method_ + ' ' + fold(ep)] += 1
        out['slow_over_2s'] += secs is not None and secs > 2
        if status == 429:
            out['retry_after'][str(retry)] += 1

    for log in sorted(glob.glob(os.path.join(d, '*_test_*.log'))):
        reqs, summary = log_requests(log)
        if not reqs and not summary:
            continue
        out['runs'] += 1
        out['incomplete_runs'] += not summary
        api = os.path.basename(log).startswith('api_test_')
        results = {}  # the api test's results file, entry by entry in request order
        for rf in glob.glob(os.path.join(d, 'test_results_*.json')) if api else []:
            for e in json.load(open(rf))['test_results']:
                results[len(results)] = e
        for i, r in enumerate(reqs):
            # The log has no headers: a 429's Retry-After is in its results entry.
            retry = 0
            e = results.get(i, {}).get('result', {})
            h = {k.lower(): v for k, v in e.get('headers', {}).items()}
            if r['status'] == 429:
                retry = int(h.get('retry-after', 0))
            add(r['method'], r['endpoint'], r['status'], r['failed'], r['message'], r['secs'], retry)
        if not reqs:  # a run that logged no request: its results file has them
            for e in results.values():
                    res = e['result']
                    add(e['method'], e['endpoint'], res.get('status_code', 0), not e['success'],
                        ': '.join(x for x in (res.get('error'), res.get('details')) if x), None, 0)
    for lf in glob.glob(os.path.join(d, 'load_test_results_*.json')):
        out['runs'] += 1
        for e in json.load(open(lf))['results']:
            retry = 0
            if e['status_code'] == 429:
                retry = json.loads(e['error_message']).get('retry_after', 0)
            add(e['method'], e['endpoint'], e['status_code'], not e['success'], e['error_message'], e['response_time'], retry)
    return out


for d in sorted(glob.glob(os.path.join(sys.argv[1], '*/'))):
    if os.path.basename(d.rstrip('/')) == 'pyhttp':
        continue  # not the vSIP clients: counted by hand
    print(os.path.basename(d.rstrip('/')), json.dumps(count(d), sort_keys=True))
