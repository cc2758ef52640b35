#!/usr/bin/env python3
"""Builds sae4j-lm's embedded default corpus from two public-domain texts that Debian packages:
the Jargon File 4.4.7 (jargon-text: /usr/share/doc/jargon-text/jargon.txt.gz) and Ambrose Bierce's
The Devil's Dictionary (dict-devil: /usr/share/dictd/devil.dict.dz). One paragraph per line, whitespace
collapsed, short lines (headings, table of contents, rules) dropped. Run after
`apt-get install jargon-text dict-devil`; the output is committed, so builds need neither package."""
import gzip, re, sys

def paragraphs(text):
    for block in re.split(r'\n\s*\n', text):
        p = ' '.join(block.split())
        if len(p.split()) >= 8 and not set(p) <= set('═─ '):
            yield p

jargon = gzip.open('/usr/share/doc/jargon-text/jargon.txt.gz', 'rt', encoding='utf-8').read()
jargon = jargon[jargon.index('This is the Jargon File, a comprehensive'):]
devil = gzip.open('/usr/share/dictd/devil.dict.dz', 'rt', encoding='utf-8', errors='strict').read()
devil = devil[devil.index('PREFACE'):]
out = sys.argv[1] if len(sys.argv) > 1 else 'sae4j-lm/src/main/resources/org/sae4j/lm/corpus/jargon-devil.txt.gz'
lines = list(paragraphs(jargon)) + list(paragraphs(devil))
with gzip.GzipFile(out, 'wb', mtime=0) as f:
    f.write(''.join(l + '\n' for l in lines).encode('utf-8'))
print(len(lines), 'documents,', sum(len(l) for l in lines), 'characters ->', out)
