#!/usr/bin/env python3
"""Where the wasm bytes go: code size per crate, from the name section of the
pre-wasm-opt release build (target/wasm32-unknown-unknown/release/ziar.wasm).
Usage: python3 bench/wasm_sizes.py [path.wasm] [--top N]  (make dist first).
--top N also lists the N largest functions (generic instantiations show up here)."""
import sys, re, collections
args = [a for a in sys.argv[1:]]
top = 0
if '--top' in args:
    k = args.index('--top'); top = int(args[k + 1]); del args[k:k + 2]
data = open(args[0] if args else "target/wasm32-unknown-unknown/release/ziar.wasm", "rb").read()
def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
i = 8; secs = []
while i < len(data):
    sid = data[i]; i += 1; n, i = leb(data, i); secs.append((sid, i, n)); i += n
imports = 0; bodies = []; names = {}
for sid, off, n in secs:
    if sid == 2:
        cnt, j = leb(data, off)
        for _ in range(cnt):
            l, j = leb(data, j); j += l; l, j = leb(data, j); j += l
            kind = data[j]; j += 1
            if kind == 0: _, j = leb(data, j); imports += 1
            elif kind == 1: j += 1; fl = data[j]; j += 1; _, j = leb(data, j); j = leb(data, j)[1] if fl & 1 else j
            elif kind == 2: fl = data[j]; j += 1; _, j = leb(data, j); j = leb(data, j)[1] if fl & 1 else j
            elif kind == 3: j += 2
    if sid == 10:
        cnt, j = leb(data, off)
        for _ in range(cnt):
            sz, j2 = leb(data, j); bodies.append(sz + (j2 - j)); j = j2 + sz
    if sid == 0:
        l, j = leb(data, off); nm = data[j:j+l].decode(); j += l
        if nm == 'name':
            end = off + n
            while j < end:
                sub = data[j]; j += 1; sl, j = leb(data, j); se = j + sl
                if sub == 1:
                    cnt, j = leb(data, j)
                    for _ in range(cnt):
                        idx, j = leb(data, j); l, j = leb(data, j); names[idx] = data[j:j+l].decode('utf8', 'replace'); j += l
                j = se
total = sum(bodies); by = collections.Counter()
for k, sz in enumerate(bodies):
    name = names.get(imports + k, '?')
    crate = '?'
    m = re.match(r'^_ZN(\d+)(.*)', name)
    if m:
        n = int(m.group(1)); ident = m.group(2)[:n]
        if ident.startswith('_$LT$'):
            inner = ident[5:]
            for p in ('$RF$', 'mut$u20$', '$BP$', 'const$u20$', 'dyn$u20$'):
                while inner.startswith(p): inner = inner[len(p):]
            crate = re.split(r'\.\.|\$', inner)[0] or '?'
        else:
            crate = ident
    elif name.startswith('_R'):
        m = re.search(r'Cs[0-9A-Za-z]+_(\d+)([a-z_0-9]+)', name)
        crate = m.group(2)[:int(m.group(1))] if m else '?'
    else:
        crate = name.split('::')[0][:40]
    by[crate] += sz
print('code bytes', total, 'functions', len(bodies), 'named', len(names))
for c, sz in by.most_common(25): print(f'{sz:8d} {sz*100/total:5.1f}%  {c}')
if top:
    def short(nm):
        nm = re.sub(r'17h[0-9a-f]{16}E.*$', '', nm)
        parts = []; m = re.match(r'^_ZN(.*)$', nm); rest = m.group(1) if m else nm
        while m and rest and rest[0].isdigit():
            mm = re.match(r'^(\d+)(.*)$', rest); n = int(mm.group(1)); parts.append(mm.group(2)[:n]); rest = mm.group(2)[n:]
        out = '::'.join(parts) if parts else nm
        for a, b in (('$LT$', '<'), ('$GT$', '>'), ('$u20$', ' '), ('$RF$', '&'), ('..', '::'), ('$C$', ',')): out = out.replace(a, b)
        return out[:150]
    print(f'largest {top} functions:')
    for k, sz in sorted(enumerate(bodies), key=lambda x: -x[1])[:top]:
        print(f'{sz:8d}  {short(names.get(imports + k, "?"))}')
data_bytes = sum(n for sid, off, n in secs if sid == 11)
print('data section', data_bytes)
