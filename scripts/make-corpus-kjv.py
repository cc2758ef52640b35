#!/usr/bin/env python3
"""Builds the second part of sae4j-lm's embedded default corpus: the King James Version of the Bible (1611,
public domain; Debian's bible-kjv-text says "The copyright for the King James Version text of the Bible is
expired"), one chapter per line (1,189 documents), the verse references dropped and the verses joined by a
space. Run after `apt-get install bible-kjv` (the program `bible` reads bible-kjv-text's compressed data); the
output is committed, so builds need neither package. The first part is scripts/make-corpus.py's."""
import gzip, re, subprocess, sys

text = subprocess.run(['bible', '-f', 'Gen1:1-Rev22:21'], check=True, capture_output=True, text=True).stdout
chapters, order = {}, []
for line in text.splitlines():
    m = re.match(r'^([1-3]?[A-Za-z]+\d+):\d+ (.*)$', line)
    if not m:
        sys.exit('unexpected line: ' + line)
    if m.group(1) not in chapters:
        chapters[m.group(1)] = []
        order.append(m.group(1))
    chapters[m.group(1)].append(' '.join(m.group(2).split()))
out = sys.argv[1] if len(sys.argv) > 1 else 'sae4j-lm/src/main/resources/org/sae4j/lm/corpus/kjv.txt.gz'
lines = [' '.join(chapters[c]) for c in order]
with open(out, 'wb') as raw, gzip.GzipFile('', 'wb', 9, raw, mtime=0) as f:  # no name, no time: same bytes
    f.write(''.join(l + '\n' for l in lines).encode('utf-8'))
print(len(lines), 'documents,', sum(len(l) for l in lines), 'characters ->', out)
