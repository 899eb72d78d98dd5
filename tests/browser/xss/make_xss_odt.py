#!/usr/bin/env python3
"""Writes xss-minutes.odt: an ODT whose paragraphs are markup as text."""
import os
import zipfile

CONTENT = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:text>
<text:h text:outline-level="1">xssodtprobe board minutes</text:h>
<text:p>Pasted from the web: &lt;img src=x onerror="window.__pwned='odt-onerror';alert('odt-onerror')"&gt;</text:p>
<text:p>&lt;script&gt;window.__pwned='odt-script';alert('odt-script')&lt;/script&gt; &lt;a href="javascript:alert('odt-link')"&gt;xssodtprobe link&lt;/a&gt;</text:p>
<text:p>محضر xssodtprobe &lt;iframe src="http://attacker.invalid/odt"&gt;&lt;/iframe&gt;</text:p>
</office:text></office:body></office:document-content>
'''
MANIFEST = '''<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
'''

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'xss-minutes.odt')
with zipfile.ZipFile(out, 'w') as z:
    stamp = (2026, 1, 1, 0, 0, 0)
    z.writestr(zipfile.ZipInfo('mimetype', date_time=stamp), 'application/vnd.oasis.opendocument.text',
               compress_type=zipfile.ZIP_STORED)
    for name, data in (('content.xml', CONTENT), ('META-INF/manifest.xml', MANIFEST)):
        z.writestr(zipfile.ZipInfo(name, date_time=stamp), data, compress_type=zipfile.ZIP_DEFLATED)
