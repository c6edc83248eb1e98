#!/usr/bin/env python3
"""An independent reader of Bevis evidence packages, written from docs/FORMAT.md alone.

    read_package.py PACKAGE PASSWORD OUTDIR

Verifies the whole package first (header, key, header MAC, every chunk, the archive),
then decrypts again and writes the files into OUTDIR. Prints a JSON summary.
Uses only the `cryptography` package (Debian: python3-cryptography).
"""
import base64
import hashlib
import hmac
import json
import os
import struct
import sys
import unicodedata

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

MAGIC = b"\x89BEVIS\r\n"
FIELDS = {"format", "package_id", "created_at", "delete_by", "case_ref", "issuer", "chunk_size", "kdf", "nonce_prefix"}
KDF_FIELDS = {"alg", "iterations", "salt", "key_nonce", "wrapped_key"}


class Reject(Exception):
    pass


def b64(value, size, name):
    raw = base64.b64decode(value, validate=True)
    if len(raw) != size:
        raise Reject(f"{name} must be {size} bytes")
    return raw


def read_header(f):
    pre = f.read(14)
    if len(pre) < 14 or pre[:8] != MAGIC:
        raise Reject("not a package")
    version, length = struct.unpack(">HI", pre[8:14])
    if version != 1:
        raise Reject(f"unsupported version {version}")
    if not 1 <= length <= 65536:
        raise Reject("bad header length")
    raw = f.read(length)
    mac = f.read(32)
    if len(raw) != length or len(mac) != 32:
        raise Reject("truncated header")
    header = json.loads(raw.decode("utf-8"))
    if set(header) != FIELDS or set(header["kdf"]) != KDF_FIELDS or header["format"] != "bevis-evidence":
        raise Reject("header members do not match the specification")
    k = header["kdf"]
    if k["alg"] != "pbkdf2-hmac-sha256" or not 600000 <= k["iterations"] <= 10000000:
        raise Reject("unacceptable key derivation")
    cs = header["chunk_size"]
    if not (1024 <= cs <= 16 << 20 and cs & (cs - 1) == 0):
        raise Reject("bad chunk size")
    return header, pre + raw, mac


# The Unicode White_Space property, as FORMAT.md §3 lists it.
WHITE_SPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                  "\u2028\u2029\u202f\u205f\u3000")


def keys(header, password, signed, mac):
    pid = bytes.fromhex(header["package_id"])
    if len(pid) != 16:
        raise Reject("bad package id")
    k = header["kdf"]
    # FORMAT.md §3: NFC, then drop the Unicode White_Space characters and "-", then
    # upper-case ASCII letters. (str.isspace is not White_Space: it takes U+001C–001F too.)
    typed = "".join(c for c in unicodedata.normalize("NFC", password) if c not in WHITE_SPACE and c != "-")
    typed = "".join(c.upper() if c.isascii() else c for c in typed)
    kek = PBKDF2HMAC(hashes.SHA256(), 32, b64(k["salt"], 16, "salt"), k["iterations"]).derive(typed.encode("utf-8"))
    try:
        file_key = AESGCM(kek).decrypt(b64(k["key_nonce"], 12, "key_nonce"), b64(k["wrapped_key"], 48, "wrapped_key"),
                                       b"bevis/v1/key-wrap" + pid)
    except Exception:
        raise Reject("wrong password")
    sub = lambda info: HKDF(hashes.SHA256(), 32, pid, info).derive(file_key)
    if not hmac.compare_digest(hmac.new(sub(b"bevis/v1/header-mac"), signed, hashlib.sha256).digest(), mac):
        raise Reject("header MAC mismatch: the package was altered")
    return AESGCM(sub(b"bevis/v1/payload")), b64(header["nonce_prefix"], 7, "nonce_prefix")


def chunks(f, aead, prefix, mac, size):
    """Yields authenticated plaintext chunks; raises Reject on any fault."""
    i = 0
    piece = f.read(size + 16)
    while True:
        nxt = f.read(size + 16) if len(piece) == size + 16 else b""
        last = len(nxt) == 0
        if len(piece) < 16:
            raise Reject("truncated")
        nonce = prefix + struct.pack(">I", i) + (b"\x01" if last else b"\x00")
        try:
            plain = aead.decrypt(nonce, piece, mac)
        except Exception:
            raise Reject(f"chunk {i} does not authenticate (tampered, truncated or trailing data)")
        if last and not plain and i > 0:
            raise Reject("empty final chunk")
        yield plain
        if last:
            return
        i += 1
        piece = nxt


class Stream:
    def __init__(self, gen):
        self.gen, self.buf = gen, b""

    def read(self, n):
        while len(self.buf) < n:
            more = next(self.gen, None)
            if more is None:
                break
            self.buf += more
        out, self.buf = self.buf[:n], self.buf[n:]
        return out


def exact(s, n):
    data = s.read(n)
    if len(data) != n:
        raise Reject("archive ends early")
    return data


def archive(stream, sink):
    files, names = [], set()
    while True:
        tag = exact(stream, 1)
        if tag == b"E":
            if stream.read(1):
                raise Reject("data after the end record")
            return files
        if tag != b"F":
            raise Reject("unknown record")
        name = exact(stream, struct.unpack(">H", exact(stream, 2))[0]).decode("utf-8")
        parts = name.split("/")
        if name in names or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
            raise Reject(f"unsafe or duplicate name {name!r}")
        names.add(name)
        digest, size = hashlib.sha256(), 0
        while True:
            n = struct.unpack(">I", exact(stream, 4))[0]
            if n == 0:
                break
            if n > 16 << 20:
                raise Reject("block too large")
            block = exact(stream, n)
            digest.update(block)
            size += n
            sink(name, block)
        files.append({"name": name, "size": size, "sha256": digest.hexdigest()})


def run(path, password, outdir, write):
    with open(path, "rb") as f:
        header, signed, mac = read_header(f)
        aead, prefix = keys(header, password, signed, mac)
        opened = {}

        def sink(name, block):
            if not write:
                return
            target = os.path.join(outdir, *name.split("/"))
            if name not in opened:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                opened[name] = open(target, "wb")
            opened[name].write(block)

        files = archive(Stream(chunks(f, aead, prefix, mac, header["chunk_size"])), sink)
        for fh in opened.values():
            fh.close()
        return header, files


MANIFEST_FORMATS = {"bevis-manifest/1", "bevis-manifest/2"}
FORMAT_2_CLIP_MEMBERS = {"recorder_from", "recorder_to", "time_from", "time_to", "clock", "subtitles", "originals", "gaps"}


def manifest(outdir, files):
    """FORMAT.md §8: the signature over manifest.json's bytes by the key it names; every
    other file listed with its size and SHA-256; format 1 or 2 (format 1 has none of 2's members)."""
    names = [f["name"] for f in files]
    if names[-2:] != ["manifest.json", "manifest.sig"]:
        return None
    raw = open(os.path.join(outdir, "manifest.json"), "rb").read()
    sig = open(os.path.join(outdir, "manifest.sig"), "rb").read()
    m = json.loads(raw)
    if m["format"] not in MANIFEST_FORMATS:
        raise Reject(f"manifest format {m['format']} is not supported")
    if m["format"].endswith("/1") and ("originals_why" in m or any(FORMAT_2_CLIP_MEMBERS & set(c) for c in m["clips"])):
        raise Reject("a format-1 manifest with format-2 members")
    key = m["signing_key"]
    if len(key) != 64 or key != key.lower():
        raise Reject("bad signing key")
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(key)).verify(sig, raw)
    except InvalidSignature:
        raise Reject("manifest signature does not match")
    actual = {f["name"]: (f["size"], f["sha256"]) for f in files}
    for f in m["files"]:
        if actual.get(f["name"]) != (f["size"], f["sha256"]):
            raise Reject(f"{f['name']} does not match the manifest")
    if set(actual) - {f["name"] for f in m["files"]} != {"manifest.json", "manifest.sig"}:
        raise Reject("the manifest does not list every file")
    originals = [o["file"] for c in m["clips"] for o in c.get("originals", [])]
    return {"format": m["format"], "signature": "ok", "originals": originals}


def main():
    path, password, outdir = sys.argv[1:4]
    try:
        run(path, password, outdir, write=False)  # verify everything before releasing anything
        header, files = run(path, password, outdir, write=True)
        signed_manifest = manifest(outdir, files)
    except (Reject, ValueError, KeyError, TypeError, UnicodeDecodeError) as e:
        print(f"rejected: {e}", file=sys.stderr)
        sys.exit(1)
    summary = {"package_id": header["package_id"], "case_ref": header["case_ref"], "files": files}
    print(json.dumps({**summary, "manifest": signed_manifest}))


if __name__ == "__main__":
    main()
