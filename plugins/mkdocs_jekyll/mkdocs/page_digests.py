"""Each page's part of the site replay's key, hashed in the process that rendered the page.

``site_replay.replay_key`` hashes every page's source and Liquid output. A build with
workers keys its replay once the passes are over (``SiteRecorder.rekey``): that hashing of
every page of every locale ran in the parent's serial end, while the other CPU idled.
Each page's part is now a digest of its own source and output (``page_digest``), which the
process that rendered the page makes in its own pass: a worker with its pass's Liquid
(``page_liquid.Payload.digests``), the parent for its own pages once its passes are built
(``page_liquid.digest_built``). The key hashes the digests, in the same order as before.

A digest is kept with the output string it was made from, and the key uses it only for that
very string (``is``): any page whose rendered text came another way is hashed where the
key is made, as before. The key is the same whichever process made a page's digest.
"""

from __future__ import annotations

import hashlib

Digests = dict[str, tuple[str, bytes]]
"""A page's source path to the Liquid output its digest was made from, and the digest."""


def page_digest(source: str, output: str) -> bytes:
    """The digest of one page's source lines and Liquid output (``RenderCache.rendered``).

    Each text is framed by its length, so no two pairs of texts hash alike.
    """
    digest = hashlib.sha256()
    for text in (source, output):
        data = text.encode("utf-8", "surrogatepass")
        digest.update(b"\0%d\0" % len(data))
        digest.update(data)
    return digest.digest()


def rendered_digest(texts: tuple[str, str], kept: Digests, path: str) -> bytes:
    """The digest of ``texts`` (a page's ``(source, output)``): the one kept for ``path`` if
    it was made from this very output, else made now."""
    found = kept.get(path)
    if found is not None and found[0] is texts[1]:
        return found[1]
    return page_digest(*texts)
