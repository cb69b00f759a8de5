#!/usr/bin/env python3
"""Request and response parity of generated bindings with botocore.

For every operation of every service the driver serves (Lightsail in awsJson1_1;
Lambda, API Gateway, EKS and EFS in restJson1) this generates seeded random
cases, runs them through botocore (its own model, serializer, SigV4 signer and
parser) and through the `driver` binary of this crate (the generated bindings
and the awsgen runtime), and compares the results.

Requests: method, path, query (as a multiset of decoded pairs), the headers
botocore's serializer sets (Content-Type, X-Amz-Target, members bound to
headers), Content-Length, the body (JSON as values walked with the input shape,
payloads as bytes), X-Amz-Date, X-Amz-Security-Token and the exact
Authorization header. botocore's SigV4 signer signs our request (method, URL
with its query, headers, body bytes), so the signature comparison is of the
signing algorithm alone; what we put in the request is compared separately, as
values, with what botocore's serializer produces. Both sides sign every header
but `user-agent` and `x-amzn-trace-id` (botocore's SIGNED_HEADERS_BLACKLIST,
aws-sigv4's excluded headers), which some cases add on both sides.

Responses: botocore's `JSONParser` or `RestJSONParser` parses the status,
headers and bytes with the output shape (and, for errors, adds the modeled error
fields the way `botocore.endpoint` does);
the driver parses the same bytes with the generated `parse_response`. Output
members are compared by shape: timestamps to the millisecond, `float` members
at 32-bit precision, doubles bit for bit, NaN and the infinities by value.

Inputs come from the intersection of botocore's model and the Smithy model
(members present in both); model differences are printed as information.

Usage: parity.py --driver PATH [--service NAME]... [--models DIR] [--known PATH]
                 [--requests N] [--responses N] [--seed N] [--verbose]
"""

import argparse
import base64
import datetime
import decimal
import email.utils
import fnmatch
import fractions
import io
import json
import math
import os
import random
import re
import struct
import subprocess
import sys
import types
import urllib.parse

import botocore
import botocore.auth
import botocore.awsrequest
import botocore.credentials
import botocore.parsers
import botocore.response
import botocore.serialize
import botocore.session

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_MODELS = os.path.join(HERE, "..", "..", "..", "shared", "models")
DEFAULT_KNOWN = os.path.join(HERE, "known_differences.txt")
REGION = "us-east-1"
UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

# Signing instants: 2015-08-30T12:36:00Z (the SigV4 suite's), a leap day, a year end.
SIGNING_TIMES = [1440938160, 1709251199, 1735689599]

# String pieces: plain text, JSON escapes, control characters, BMP and astral-plane text.
STRING_PIECES = [
    "a", "Z", "0", "name-1", "my_resource", " ", "/", "\\", "\"", "'", "\n", "\r", "\t",
    "\b", "\f", "\u0000", "\u0001", "\u001f", "\u007f", "\u0080", "é", "ß", "Ωμέγα", "中文",
    "\u2028", "\u2029", "\ufeff", "\ufffd", "\uffff", "😀", "𝄞", "👩‍💻", "\U0001F1FA\U0001F1F8",
    "\U0010FFFF", "<script>", "&amp;", "%20", "{}", "[]", "null", "true", "1e3",
]
# Pieces of strings bound to headers: visible ASCII, commas and quotes included
# (list items with them are quoted); no control characters, no surrounding space.
HEADER_PIECES = ["a", "Z", "0", "name-1", "my_resource", "/", "=", "+", "%20", "{}", "[]", "null", "true",
                 "1e3", "-", "_", ".", ":", ";", "~", "*", "(x)", "<b>"]
HEADER_LIST_PIECES = HEADER_PIECES + [",", "\"", "a,b", "\"q\""]
BLOBS = [b"", b"\x00", b"hello", b"{\"json\": true}", bytes(range(256)), "😀 ü".encode("utf-8")]
INT32 = [0, 1, -1, 2, 80, 443, 65535, 2**31 - 1, -2**31, 2**31 - 2, -2**31 + 1]
INT64 = [0, 1, -1, 2**53, 2**53 + 1, -2**53 - 1, 2**63 - 1, -2**63, 2**31, -2**31 - 1]
DOUBLES = [
    0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.5, 3.141592653589793, 1e16, 1e17, 1e21, 1e22, 1e-7,
    5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308,
    123456789.123456789, 9007199254740993.0, 4.35, 100.0, 1e300, -2.5e-300,
    float("nan"), float("inf"), float("-inf"),
]
# `float` shapes are 32-bit: only values an f32 holds (the largest and smallest included).
FLOATS = [0.0, -0.0, 1.0, 0.5, 1.5, 0.25, 2.0, 512.0, 16777216.0, -3.75, 1.1, 0.1, 3.4028234663852886e38,
          1.401298464324817e-45, 1.1754943508222875e-38, 65504.0]
# Whole-second timestamps: the epoch, around it, pre-1970, year 1 and year 9999.
WHOLE_TIMESTAMPS = [0, 1, -1, 946845296, 1479816991, -2208988800, -86400, 4102444800,
                    253402300799, -62135596800, 1709164800, 2147483647, 2147483648]
# Response timestamps in other JSON number forms: (seconds, milliseconds, text).
TIMESTAMP_TEXTS = [(1500000000, 0, "1.5e9"), (1500000000, 0, "1.5E+9"), (1479816991, 349, "1479816991349e-3"),
                   (-2, 500, "-1.5e0"), (1, 0, "1.0"), (1479816991, 349, "1479816991.3490"), (0, 0, "-0")]
# Timestamps with a fraction: (seconds, milliseconds), seconds rounded towards the past.
FRACTIONAL_TIMESTAMPS = [(1479816991, 349), (-2, 500), (0, 1), (-1, 999), (946845296, 123),
                         (1709251199, 999), (-2208988800, 1)]


class Ts:
    """A timestamp in the generated values: whole seconds plus milliseconds,
    optionally with the exact JSON number text to write for it."""

    __slots__ = ("secs", "millis", "text")

    def __init__(self, secs, millis=0, text=None):
        self.secs, self.millis, self.text = secs, millis, text

    def to_datetime(self):
        return EPOCH + datetime.timedelta(seconds=self.secs, milliseconds=self.millis)

    def json_number(self):
        """The exact epoch seconds as JSON number text."""
        if self.text is not None:
            return self.text
        if self.millis == 0:
            return str(self.secs)
        value = fractions.Fraction(self.secs) + fractions.Fraction(self.millis, 1000)
        sign = "-" if value < 0 else ""
        value = abs(value)
        whole = math.floor(value)
        frac = int((value - whole) * 1000)
        return f"{sign}{whole}.{frac:03d}".rstrip("0")


# ---------------------------------------------------------------------------
# Models: botocore's and the Smithy one, and their intersection.

SMITHY_PRELUDE_KINDS = {
    "String": "string", "Integer": "integer", "Long": "long", "Boolean": "boolean",
    "Double": "double", "Float": "float", "Timestamp": "timestamp", "Blob": "blob",
    "PrimitiveBoolean": "boolean", "PrimitiveInteger": "integer", "PrimitiveLong": "long",
    "PrimitiveDouble": "double", "PrimitiveFloat": "float", "Short": "integer", "Byte": "integer",
}


class Smithy:
    """Just enough of a Smithy JSON AST model to walk it next to botocore's."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.shapes = json.load(f)["shapes"]
        self.namespace = next(sid.split("#")[0] for sid, s in self.shapes.items() if s["type"] == "service")

    def kind(self, sid):
        if sid.startswith("smithy.api#"):
            return SMITHY_PRELUDE_KINDS.get(sid.split("#")[1], sid)
        kind = self.shapes[sid]["type"]
        return {"enum": "string", "intEnum": "integer", "union": "structure",
                "short": "integer", "byte": "integer"}.get(kind, kind)

    def json_name(self, shape, member):
        """The `@jsonName` of a member of a shape named `shape`, else the member name."""
        members = self.shapes.get(f"{self.namespace}#{shape}", {}).get("members", {})
        return members.get(member, {}).get("traits", {}).get("smithy.api#jsonName", member)

    def operation(self, name):
        return self.shapes.get(f"{self.namespace}#{name}")

    def operations(self):
        return sorted(sid.split("#")[1] for sid, s in self.shapes.items() if s["type"] == "operation")

    def enum_values(self, sid):
        shape = self.shapes.get(sid, {})
        if shape.get("type") == "enum":
            return sorted(m["traits"]["smithy.api#enumValue"] for m in shape["members"].values())
        if "smithy.api#enum" in shape.get("traits", {}):
            return sorted(e["value"] for e in shape["traits"]["smithy.api#enum"])
        return []

    def http_status(self, name):
        shape = self.shapes.get(f"{self.namespace}#{name}", {})
        traits = shape.get("traits", {})
        if "smithy.api#httpError" in traits:
            return traits["smithy.api#httpError"]
        return 500 if traits.get("smithy.api#error") == "server" else 400


class Intersection:
    """Walks each operation's input and output in both models side by side.

    `members[botocore shape name]` is the set of members present in both;
    `required[...]` the members either model requires; `defaults[...]` the
    Smithy `@default` values (botocore's model has none); `diffs` lists every
    difference found on the way.
    """

    def __init__(self, service, smithy):
        self.service, self.smithy = service, smithy
        self.members, self.required, self.defaults, self.diffs = {}, {}, {}, []
        self._seen = set()
        smithy_ops = set(smithy.operations())
        boto_ops = set(service.operation_names)
        for op in sorted(boto_ops - smithy_ops):
            self.diffs.append(f"operation {op}: only in botocore")
        for op in sorted(smithy_ops - boto_ops):
            self.diffs.append(f"operation {op}: only in the Smithy model")
        for op in sorted(boto_ops & smithy_ops):
            model = service.operation_model(op)
            sop = smithy.operation(op)
            http = sop.get("traits", {}).get("smithy.api#http")
            if http is not None and model.http.get("requestUri") != http["uri"]:
                self.diffs.append(f"{op} URI: botocore {model.http.get('requestUri')}, Smithy {http['uri']}")
            for part, bshape in (("input", model.input_shape), ("output", model.output_shape)):
                target = sop.get(part, {}).get("target", "smithy.api#Unit")
                if bshape is None and target == "smithy.api#Unit":
                    continue
                if bshape is None or target == "smithy.api#Unit":
                    self.diffs.append(f"{op} {part}: present in only one model")
                    continue
                self._walk(bshape, target, f"{op}.{part}")
            boto_errors = sorted(e.name for e in model.error_shapes)
            smithy_errors = sorted(e["target"].split("#")[1] for e in sop.get("errors", []))
            if boto_errors != smithy_errors:
                self.diffs.append(f"{op} errors: botocore {boto_errors}, Smithy {smithy_errors}")
                for name in set(boto_errors) & set(smithy_errors):
                    self._walk(service.shape_for(name), f"{smithy.namespace}#{name}", name)
            else:
                for error in model.error_shapes:
                    self._walk(error, f"{smithy.namespace}#{error.name}", error.name)

    def _walk(self, bshape, sid, path):
        key = (bshape.name, sid)
        if key in self._seen:
            return
        self._seen.add(key)
        skind = self.smithy.kind(sid)
        if bshape.type_name != skind:
            self.diffs.append(f"{path}: botocore {bshape.type_name}, Smithy {skind}")
            return
        if bshape.type_name == "structure":
            smembers = self.smithy.shapes[sid].get("members", {})
            both = [m for m in bshape.members if m in smembers]
            for m in bshape.members:
                if m not in smembers:
                    self.diffs.append(f"{path}.{m}: only in botocore")
            for m in smembers:
                if m not in bshape.members:
                    self.diffs.append(f"{path}.{m}: only in the Smithy model")
            required = set(bshape.required_members) | {
                m for m, v in smembers.items() if "smithy.api#required" in v.get("traits", {})}
            self.members.setdefault(bshape.name, set()).update(both)
            self.required.setdefault(bshape.name, set()).update(required)
            self.defaults.setdefault(bshape.name, {}).update({
                m: v["traits"]["smithy.api#default"] for m, v in smembers.items()
                if v.get("traits", {}).get("smithy.api#default") is not None})
            for m in both:
                self._walk(bshape.members[m], smembers[m]["target"], f"{path}.{m}")
        elif bshape.type_name == "list":
            self._walk(bshape.member, self.smithy.shapes[sid]["member"]["target"], f"{path}[]")
        elif bshape.type_name == "map":
            sshape = self.smithy.shapes[sid]
            self._walk(bshape.key, sshape["key"]["target"], f"{path}{{key}}")
            self._walk(bshape.value, sshape["value"]["target"], f"{path}{{}}")
        elif bshape.type_name == "string":
            bvalues = sorted(bshape.enum)
            svalues = self.smithy.enum_values(sid)
            if bvalues != svalues:
                only_b = sorted(set(bvalues) - set(svalues))
                only_s = sorted(set(svalues) - set(bvalues))
                self.diffs.append(f"{path} enum values: only botocore {only_b}, only Smithy {only_s}")

    def struct_members(self, bshape):
        return [m for m in bshape.members if m in self.members.get(bshape.name, ())]

    def has_defaults(self, shape, seen=None, top_level_input=False):
        """Whether a structure reachable from `shape` has a non-required member
        with a default (not counting the top-level input's own members)."""
        seen = set() if seen is None else seen
        if shape is None or shape.name in seen:
            return False
        seen.add(shape.name)
        if shape.type_name == "structure":
            required = self.required.get(shape.name, set())
            if not top_level_input and any(m not in required for m in self.defaults.get(shape.name, {})):
                return True
            return any(self.has_defaults(shape.members[m], seen) for m in self.struct_members(shape))
        if shape.type_name == "list":
            return self.has_defaults(shape.member, seen)
        if shape.type_name == "map":
            return self.has_defaults(shape.value, seen)
        return False


# ---------------------------------------------------------------------------
# Value generation, walking botocore's shapes (restricted to the intersection).

class Generator:
    """Random values of botocore shapes, restricted to the intersection.

    mode: "none" (required members only), "all" (every member, non-empty
    collections), "empty" (every member, empty collections), "random".
    Members with a Smithy `@default` count as required (our types always
    hold a value for them, so a botocore caller must pass it to send the
    same message) unless `omit_defaults`; `nulls` fills every structure, list
    and map and writes every other optional member as an explicit JSON null
    (responses only)."""

    def __init__(self, rng, inter, mode, fractional=False, omit_defaults=False, nulls=False):
        self.rng, self.inter, self.mode, self.fractional = rng, inter, mode, fractional
        self.omit_defaults, self.nulls = omit_defaults, nulls
        self.has_fraction = False

    def value(self, shape, depth=0, output=False, location=None):
        """A value of `shape`; `location` is where a top-level member is bound
        (botocore's `uri`, `querystring`, `header`, `headers`, `statusCode`)."""
        kind = shape.type_name
        rng = self.rng
        if location == "statusCode":
            return rng.choice([200, 201, 202, 206, 299])
        if location == "uri" and kind == "string":
            if shape.enum:
                return rng.choice(list(shape.enum) + ["FUTURE_VALUE"])
            return self.string(shape, nonempty=True)
        if location == "header" and kind == "string":
            return self.header_string(HEADER_PIECES, shape.enum)
        if location == "header" and kind == "list" and shape.member.type_name == "string":
            return [self.header_string(HEADER_LIST_PIECES, shape.member.enum) for _ in range(self._count(depth))]
        if location == "headers":
            # Prefix headers: lower-case names (HTTP names are case-insensitive,
            # and either side may keep the case it received).
            return {rng.choice(["a", "key-1", "x_y", "z9"]) + str(i): self.header_string(HEADER_PIECES)
                    for i in range(self._count(depth))}
        if kind == "structure":
            result = {}
            # Top-level input members with defaults stay optional in our types
            # (Smithy protocol test AwsJson10ClientSkipsTopLevelDefaultValuesInInput).
            defaults = {} if depth == 0 and not output else self.inter.defaults.get(shape.name, {})
            for name in self.inter.struct_members(shape):
                member = shape.members[name]
                # An idempotency token left out is a fresh UUID on both sides.
                required = name in self.inter.required.get(shape.name, ()) or (
                    member.metadata.get("idempotencyToken") and not output)
                if name in defaults and not required:
                    include = not self.omit_defaults
                elif self.nulls:
                    # Containers are filled so that the nulls reach nested members.
                    include = required or shape.members[name].type_name in ("structure", "list", "map")
                else:
                    include = required or self.mode in ("all", "empty") or (
                        self.mode == "random" and depth < 6 and rng.random() < 0.5)
                if depth >= 8 and not required:
                    include = False
                if include:
                    where = member.serialization.get("location") if depth == 0 else None
                    result[name] = self.value(member, depth + 1, output, where)
                elif output and (self.nulls or (name not in defaults and rng.random() < 0.05)):
                    result[name] = None  # explicit null for an absent member
            if output and rng.random() < 0.3:
                result[f"unknownMember{rng.randrange(1000)}"] = self.unknown_json(2)
            return result
        if kind == "list":
            count = self._count(depth)
            return [self.value(shape.member, depth + 1, output) for _ in range(count)]
        if kind == "map":
            count = self._count(depth)
            result = {}
            for _ in range(count):
                result[self.string(shape.key)] = self.value(shape.value, depth + 1, output)
            return result
        if kind == "string":
            return self.string(shape)
        if kind == "blob":
            return rng.choice(BLOBS) if rng.random() < 0.6 else rng.randbytes(rng.randrange(40))
        if kind == "boolean":
            return rng.random() < 0.5
        if kind == "integer":
            return rng.choice(INT32) if rng.random() < 0.6 else rng.randint(-2**31, 2**31 - 1)
        if kind == "long":
            return rng.choice(INT64) if rng.random() < 0.6 else rng.randint(-2**63, 2**63 - 1)
        if kind == "double":
            if output and rng.random() < 0.1:
                return rng.choice([0, 5, -7, 2**53 + 1, 10**20])  # a whole number written as a JSON integer
            if rng.random() < 0.6:
                return rng.choice(DOUBLES)
            return struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64) & ~(0x7FF << 52) | (rng.randint(1, 2046) << 52)))[0]
        if kind == "float":
            return rng.choice(FLOATS) if rng.random() < 0.7 else round_f32(rng.uniform(-1e6, 1e6))
        if kind == "timestamp":
            if output and rng.random() < 0.1:
                return Ts(*rng.choice(TIMESTAMP_TEXTS))
            if output and rng.random() < 0.3:
                return Ts(*rng.choice(FRACTIONAL_TIMESTAMPS))
            if self.fractional and rng.random() < 0.7:
                self.has_fraction = True
                return Ts(*rng.choice(FRACTIONAL_TIMESTAMPS))
            if rng.random() < 0.6:
                return Ts(rng.choice(WHOLE_TIMESTAMPS))
            return Ts(rng.randint(-2208988800, 4102444800))
        raise ValueError(f"no generator for shape type {kind} ({shape.name})")

    def _count(self, depth):
        if self.mode == "empty":
            return 0
        if self.mode == "all":
            return 1 + self.rng.randrange(2) if depth < 6 else 0
        return self.rng.choice([0, 1, 1, 2, 3]) if depth < 6 else 0

    def string(self, shape, nonempty=False):
        rng = self.rng
        if shape.enum:
            if rng.random() < 0.85:
                return rng.choice(shape.enum)
            return rng.choice(["FUTURE_VALUE", "future-value-ü", "", shape.enum[0].lower() + "_x"])
        if rng.random() < 0.05 and not nonempty:
            return ""
        return "".join(rng.choice(STRING_PIECES) for _ in range(rng.randint(1, 8)))

    def header_string(self, pieces, enum=()):
        if enum:
            return self.rng.choice(list(enum) + ["FUTURE_VALUE"])
        return "".join(self.rng.choice(pieces) for _ in range(self.rng.randint(1, 5)))

    def unknown_json(self, depth):
        rng = self.rng
        choice = rng.randrange(7 if depth > 0 else 5)
        if choice == 0:
            return None
        if choice == 1:
            return rng.random() < 0.5
        if choice == 2:
            return rng.choice([0, -1, 2**63 - 1, 1.5, 1e300])
        if choice == 3:
            return "".join(rng.choice(STRING_PIECES) for _ in range(3))
        if choice == 4:
            return []
        if choice == 5:
            return [self.unknown_json(depth - 1) for _ in range(2)]
        return {"nested": self.unknown_json(depth - 1), "__type": "NotAnError"}


def round_f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


# ---------------------------------------------------------------------------
# Encoding generated values for botocore (Python objects) and for the driver (JSON text).

def to_botocore(value):
    if isinstance(value, bytes):
        return value
    if isinstance(value, Ts):
        return value.to_datetime()
    if isinstance(value, dict):
        return {k: to_botocore(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_botocore(v) for v in value]
    return value


def to_json_text(value, ensure_ascii=True, compact=True):
    """JSON text of a generated value: timestamps as exact epoch seconds, NaN and
    the infinities as the strings the awsJson protocols use."""
    comma, colon = (",", ":") if compact else (", ", ": ")
    if isinstance(value, Ts):
        return value.json_number()
    if isinstance(value, bytes):
        return json.dumps(base64.b64encode(value).decode("ascii"))
    if value is None or isinstance(value, (bool, int, str)):
        return json.dumps(value, ensure_ascii=ensure_ascii)
    if isinstance(value, float):
        if math.isnan(value):
            return '"NaN"'
        if math.isinf(value):
            return '"Infinity"' if value > 0 else '"-Infinity"'
        return repr(value)
    if isinstance(value, dict):
        return "{" + comma.join(json.dumps(k, ensure_ascii=ensure_ascii) + colon + to_json_text(v, ensure_ascii, compact)
                                for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + comma.join(to_json_text(v, ensure_ascii, compact) for v in value) + "]"
    raise TypeError(type(value))


# ---------------------------------------------------------------------------
# Normalizing parsed values by shape, so that both sides compare as values.

def as_float(x):
    """A JSON number (or "NaN", "Infinity", "-Infinity") as a float, else None."""
    if isinstance(x, str) and x in ("NaN", "Infinity", "-Infinity"):
        return float(x.replace("Infinity", "inf"))
    if isinstance(x, bool) or not isinstance(x, (int, float, decimal.Decimal)):
        return None
    return float(x)


def float_key(x):
    """A float compared bit for bit, NaN by value."""
    f = as_float(x)
    if f is None:
        return ("not-a-number", repr(x))
    if math.isnan(f):
        return ("f", "nan")
    return ("f", struct.pack("<d", f).hex(), repr(f))


def timestamp_millis(x):
    if isinstance(x, datetime.datetime):
        delta = x - EPOCH
        return ("ms", (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000)
    if isinstance(x, bool) or not isinstance(x, (int, decimal.Decimal)):
        return ("not-a-timestamp", repr(x))
    return ("ms", math.floor(fractions.Fraction(x) * 1000))


def timestamp_exact(x):
    if isinstance(x, bool) or not isinstance(x, (int, decimal.Decimal)):
        return ("not-a-timestamp", repr(x))
    return ("s", str(fractions.Fraction(x)))


def normalize(value, shape, exact_timestamps, keys=None):
    """Values of `shape` in a comparable form; unexpected types stay visible.
    With `keys` (shape -> {key: member}), structure keys are read through it
    (the restJson1 document names members by their JSON names) and come out as
    member names."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return ("not-an-object", repr(value))
        names = keys(shape) if keys is not None else {k: k for k in shape.members}
        result = {}
        for key, v in value.items():
            if v is None:
                continue
            if key in names:
                member = names[key]
                result[member] = normalize(v, shape.members[member], exact_timestamps, keys)
            else:
                result[key] = ("member-not-in-shape", repr(v))
        return result
    if kind == "list":
        if not isinstance(value, list):
            return ("not-a-list", repr(value))
        return [normalize(v, shape.member, exact_timestamps, keys) for v in value]
    if kind == "map":
        if not isinstance(value, dict):
            return ("not-a-map", repr(value))
        return {k: normalize(v, shape.value, exact_timestamps, keys) for k, v in value.items()}
    if kind == "blob":
        if isinstance(value, (bytes, bytearray)):
            return ("bytes", bytes(value).hex())
        if isinstance(value, str):
            try:
                return ("bytes", base64.b64decode(value, validate=True).hex())
            except ValueError:
                return ("not-base64", value)
        return ("not-a-blob", repr(value))
    if kind == "timestamp":
        return timestamp_exact(value) if exact_timestamps else timestamp_millis(value)
    if kind == "double":
        return float_key(value)
    if kind == "float":
        f = as_float(value)
        if f is None:
            return ("not-a-number", repr(value))
        return float_key(round_f32(f) if math.isfinite(f) else f)
    if kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            return ("not-an-integer", repr(value))
        return value
    if kind == "boolean":
        return value if isinstance(value, bool) else ("not-a-boolean", repr(value))
    if kind == "string":
        return value if isinstance(value, str) else ("not-a-string", repr(value))
    return ("unsupported-kind", kind, repr(value))


def diff(a, b, path="$", out=None, limit=8):
    """Paths where `a` (ours) and `b` (botocore) differ."""
    if out is None:
        out = []
    if len(out) >= limit:
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a:
                out.append(f"{path}.{key}: missing in ours, botocore {short(b[key])}")
            elif key not in b:
                out.append(f"{path}.{key}: ours {short(a[key])}, missing in botocore")
            else:
                diff(a[key], b[key], f"{path}.{key}", out, limit)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: ours has {len(a)} items, botocore {len(b)}")
        else:
            for i, (x, y) in enumerate(zip(a, b)):
                diff(x, y, f"{path}[{i}]", out, limit)
    elif a != b or type(a) is not type(b):
        out.append(f"{path}: ours {short(a)}, botocore {short(b)}")
    return out


def short(v, n=120):
    text = repr(v)
    return text if len(text) <= n else text[:n] + "..."


# ---------------------------------------------------------------------------
# botocore's side.

class FrozenDatetime(datetime.datetime):
    """`datetime.datetime` whose `utcnow()` returns a chosen instant."""

    frozen = datetime.datetime(2015, 8, 30, 12, 36)

    @classmethod
    def utcnow(cls):
        return cls.frozen

    @classmethod
    def now(cls, tz=None):
        return cls.frozen.replace(tzinfo=UTC).astimezone(tz) if tz else cls.frozen


def freeze_botocore_clock():
    """botocore.auth reads the time with `datetime.datetime.utcnow()`; give that
    module a `datetime` whose clock is frozen (botocore's own tests patch the
    same name)."""
    fake = types.ModuleType("datetime")
    fake.__dict__.update(datetime.__dict__)
    fake.datetime = FrozenDatetime
    botocore.auth.datetime = fake


class Service:
    """One service under test: botocore's model of it, the Smithy model the
    bindings were generated from, and what botocore reads and writes it with."""

    def __init__(self, name, session, smithy_path):
        self.name = name
        self.model = session.get_service_model(name)
        self.smithy = Smithy(smithy_path)
        self.inter = Intersection(self.model, self.smithy)
        self.protocol = self.model.protocol  # "json" or "rest-json"
        self.rest = self.protocol == "rest-json"
        self.serializer = botocore.serialize.create_serializer(self.protocol, include_validation=False)
        self.signing_name = self.model.signing_name
        self.events = session.get_component("event_emitter")

    def serialize(self, params, model):
        """botocore's request for `params`: serialized, then changed by the
        handlers a client runs before the call (API Gateway's Accept header)."""
        serialized = self.serializer.serialize_to_request(to_botocore(params), model)
        self.events.emit(f"before-call.{self.model.service_id.hyphenize()}.{model.name}",
                         model=model, params=serialized, request_signer=None, context={})
        return serialized

    def wire_keys(self, shape):
        """{JSON key in a restJson1 body: member} of a structure."""
        if not self.rest:
            return {k: k for k in shape.members}
        return {m.serialization.get("name", k): k for k, m in shape.members.items() if "location" not in m.serialization}

    def document_keys(self, shape):
        """{key in the driver's documents: member}: the restJson1 documents name
        every member by its JSON name (a member bound to the URI, a header or
        the status keeps its Smithy `@jsonName` there, which botocore's model
        does not carry)."""
        if not self.rest:
            return {k: k for k in shape.members}
        keys = self.wire_keys(shape)
        for k, m in shape.members.items():
            if "location" in m.serialization:
                keys[self.smithy.json_name(shape.name, k)] = k
        return keys

    def parser(self):
        return botocore.parsers.create_parser(self.protocol)

    def body_members(self, shape):
        """Members of a top-level structure that travel in a JSON body."""
        payload = shape.serialization.get("payload")
        return [m for m in self.inter.struct_members(shape)
                if "location" not in shape.members[m].serialization and m != payload]


def botocore_signature(ours, body, creds, time, signing_name):
    """botocore's SigV4 signature of our request (method, URL with its query,
    headers and body bytes as we built them) at `time`."""
    FrozenDatetime.frozen = datetime.datetime.fromtimestamp(time, UTC).replace(tzinfo=None)
    headers = {name: value for name, value in ours["headers"]
               if name not in ("authorization", "x-amz-date", "x-amz-security-token")}
    request = botocore.awsrequest.AWSRequest(
        method=ours["method"], url=f"https://{headers.get('host', '')}{ours['path']}", headers=headers, data=body)
    credentials = botocore.credentials.Credentials(creds["access_key_id"], creds["secret_access_key"],
                                                   creds.get("session_token"))
    botocore.auth.SigV4Auth(credentials, signing_name, REGION).add_auth(request)
    return {k.lower(): v for k, v in request.headers.items()}


def botocore_response(svc, model, status, headers, body):
    """What a botocore client returns for this response (parsed dict), the way
    `botocore.endpoint` builds it: parse with the output shape, then for errors
    add the modeled fields of the error shape named by the code."""
    header_dict = botocore.awsrequest.HeadersDict()
    for name, value in headers:
        header_dict[name] = value
    response = {"status_code": status, "headers": header_dict, "body": body}
    parser = svc.parser()
    if status < 300 and model.has_streaming_output:
        # A client hands the parser a stream for a blob or string payload.
        response["body"] = botocore.response.StreamingBody(io.BytesIO(body), len(body))
    parsed = parser.parse(response, model.output_shape)
    for name, value in parsed.items():
        if isinstance(value, botocore.response.StreamingBody):
            parsed[name] = value.read()
            if model.output_shape.members[name].type_name == "string":
                parsed[name] = parsed[name].decode("utf-8")
    if status >= 300:
        code = parsed.get("Error", {}).get("Code")
        error_shape = svc.model.shape_for_error_code(code) if code is not None else None
        if error_shape is not None:
            parsed.update(parser.parse(response, error_shape))
            parsed["__error_shape"] = error_shape
    return parsed


# ---------------------------------------------------------------------------
# restJson1 messages: members by location.

def to_wire(value, shape, svc=None):
    """A generated value with the JSON names of a restJson1 body as keys; with
    `svc`, a top-level value named as the driver's documents name it (see
    `Service.document_keys`)."""
    if isinstance(value, dict) and shape.type_name == "structure":
        names = {m: k for k, m in (svc.document_keys(shape) if svc else
                                   {m.serialization.get("name", k): k for k, m in shape.members.items()}).items()}
        return {names.get(key, key): to_wire(v, shape.members[key]) if key in shape.members else v
                for key, v in value.items()}
    if isinstance(value, dict) and shape.type_name == "map":
        return {k: to_wire(v, shape.value) for k, v in value.items()}
    if isinstance(value, list) and shape.type_name == "list":
        return [to_wire(v, shape.member) for v in value]
    return value


def header_text(value, shape):
    """A member's value as restJson1 writes it in a header."""
    kind = shape.type_name
    if kind == "list":
        items = [header_text(v, shape.member) for v in value]
        if shape.member.type_name == "string":
            items = ['"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' if ("," in v or '"' in v) else v
                     for v in items]
        return ",".join(items)
    if kind == "timestamp":
        fmt = shape.serialization.get("timestampFormat", "rfc822")
        if fmt == "iso8601":
            return value.to_datetime().strftime("%Y-%m-%dT%H:%M:%SZ")
        if fmt == "unixTimestamp":
            return value.json_number()
        return email.utils.formatdate(value.secs, usegmt=True)
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("double", "float"):
        return json.loads(to_json_text(value)) if isinstance(value, float) and not math.isfinite(value) \
            else repr(value)
    if kind == "blob":
        return base64.b64encode(value).decode("ascii")
    return str(value)


def rest_message(svc, shape, value, rng, extra_body=None):
    """(status, headers, body bytes) of a restJson1 response carrying `value`
    of `shape`: members bound to the status, headers and payload where they
    are bound, the rest in a JSON body (with `extra_body` keys first)."""
    status, headers, body = 200, [], {} if extra_body is None else dict(extra_body)
    payload_name = shape.serialization.get("payload") if shape is not None else None
    payload = None
    for name, v in (value or {}).items():
        member = shape.members.get(name)
        location = member.serialization.get("location") if member is not None else None
        if name == payload_name:
            payload = (member, v)
        elif location == "statusCode":
            status = status if v is None else v
        elif location == "header":
            if v is not None and not (isinstance(v, list) and not v):
                headers.append([member.serialization["name"].lower(), header_text(v, member)])
        elif location == "headers":
            for key, item in (v or {}).items():
                headers.append([(member.serialization.get("name", "") + key).lower(), item])
        else:
            key = member.serialization.get("name", name) if member is not None else name
            body[key] = to_wire(v, member) if member is not None else v
    if payload is not None:
        member, v = payload
        if v is None:
            data = b""
        elif member.type_name == "blob":
            data = v
        elif member.type_name == "string":
            data = v.encode("utf-8")
        else:
            data = to_json_text(to_wire(v, member), ensure_ascii=rng.random() < 0.5).encode("utf-8")
    elif body or rng.random() < 0.5:
        data = to_json_text(body, ensure_ascii=rng.random() < 0.5, compact=rng.random() < 0.5).encode("utf-8")
    else:
        data = b""
    return status, headers, data


# ---------------------------------------------------------------------------
# Cases.

class Case:
    def __init__(self, case_id, kind, svc, op, payload, check):
        self.id, self.kind, self.svc, self.op, self.payload, self.check = case_id, kind, svc, op, payload, check


def request_cases(svc, op, rng, count):
    model = svc.model.operation_model(op)
    inter = svc.inter
    shape = model.input_shape
    cases = []
    has_timestamp = shape is not None and shape_has(shape, "timestamp", inter)
    plans = [(str(i), mode, False) for i, mode in enumerate(
        ["none", "all", "empty"] + ["random"] * max(0, count - 3))]
    if has_timestamp:
        plans += [(f"tsfrac-{i}", "all" if i == 0 else "random", True) for i in range(3)]
    if inter.has_defaults(shape, top_level_input=True):
        plans.append(("defaults-omitted", "all", False))
    for index, (name, mode, fractional) in enumerate(plans):
        gen = Generator(rng, inter, mode, fractional, omit_defaults=name == "defaults-omitted")
        params = gen.value(shape) if shape is not None else {}
        if fractional and not gen.has_fraction:
            continue
        creds = {"access_key_id": ACCESS_KEY, "secret_access_key": SECRET_KEY}
        if index % 2 == 1:
            creds["session_token"] = SESSION_TOKEN
        time = SIGNING_TIMES[index % len(SIGNING_TIMES)]
        extra = {"User-Agent": "awsgen-parity/1.0", "X-Amzn-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793"} \
            if index % 3 == 2 else {}
        document = to_wire(params, shape, svc) if svc.rest and shape is not None else params
        payload = {
            "kind": "request", "service": svc.name, "op": op,
            "input_json": to_json_text(document, ensure_ascii=rng.random() < 0.5, compact=rng.random() < 0.5),
            "credentials": creds, "time": time, "extra_headers": [[k, v] for k, v in extra.items()],
        }

        def check(ours, params=params, creds=creds, time=time, extra=extra):
            return check_request(ours, svc, model, params, creds, time, extra)

        cases.append(Case(f"{svc.name}/request/{op}/{name}", "request", svc, op, payload, check))
    return cases


def shape_has(shape, kind, inter, seen=None):
    seen = set() if seen is None else seen
    if shape.name in seen:
        return False
    seen.add(shape.name)
    if shape.type_name == kind:
        return True
    if shape.type_name == "structure":
        return any(shape_has(shape.members[m], kind, inter, seen) for m in inter.struct_members(shape))
    if shape.type_name == "list":
        return shape_has(shape.member, kind, inter, seen)
    if shape.type_name == "map":
        return shape_has(shape.value, kind, inter, seen)
    return False


FORMATTING = {}


def note_formatting(ours, theirs):
    """Counts how the two bodies differ as bytes while they are equal as values."""

    def dump(value, sort_keys=False):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=sort_keys).encode("utf-8")

    if isinstance(theirs, str):
        theirs = theirs.encode("utf-8")
    if ours == theirs:
        kind = "identical bytes"
    else:
        theirs_value, ours_value = json.loads(theirs), json.loads(ours)
        if dump(theirs_value) == ours:
            kind = "separators and \\uXXXX escapes only (botocore writes \", \" and \": \", and escapes all non-ASCII)"
        elif dump(theirs_value) == dump(ours_value):
            kind = "separators, escapes and number text (botocore 1e-07, ours 1e-7)"
        elif dump(theirs_value, True) == dump(ours_value, True):
            kind = "separators, escapes and map key order (ours sorted by key, botocore as the caller gave them)"
        else:
            kind = "other (see the bodies)"
    FORMATTING[kind] = FORMATTING.get(kind, 0) + 1


# Headers the client adds around what the serializer writes.
CLIENT_HEADERS = {"host", "x-amz-date", "authorization", "x-amz-security-token", "content-length"}


def check_request(ours, svc, model, params, creds, time, extra):
    if "failure" in ours:
        return [f"driver: {ours['failure']}"]
    body = base64.b64decode(ours["body_base64"])
    serialized = svc.serialize(params, model)
    signed = botocore_signature(ours, body, creds, time, svc.signing_name)
    problems = []
    headers = {}
    for name, value in ours["headers"]:
        if name in headers:
            problems.append(f"header {name} repeated")
        headers[name] = value
    if ours["method"] != serialized["method"]:
        problems.append(f"method: ours {ours['method']}, botocore {serialized['method']}")
    for name in ("x-amz-date", "x-amz-security-token", "authorization"):
        if headers.get(name) != signed.get(name):
            problems.append(f"{name}: ours {headers.get(name)!r}, botocore {signed.get(name)!r}")
    if "content-length" in headers or body:
        if headers.get("content-length") != str(len(body)):
            problems.append(f"content-length: ours {headers.get('content-length')!r}, body has {len(body)} bytes")
    boto_headers = {k.lower(): str(v) for k, v in serialized["headers"].items()}
    extra_names = {k.lower() for k in extra}
    for name in sorted(set(boto_headers) | set(headers) - CLIENT_HEADERS - extra_names):
        if name in extra_names and name not in boto_headers:
            continue
        if header_value_key(headers.get(name)) != header_value_key(boto_headers.get(name)):
            problems.append(f"header {name}: ours {headers.get(name)!r}, botocore {boto_headers.get(name)!r}")
    for name in extra_names:
        if name not in headers:
            problems.append(f"header {name}: added by the case, missing in ours")
    if "session_token" in creds and "x-amz-security-token" not in headers:
        problems.append("x-amz-security-token: missing in ours")
    path, _, query = ours["path"].partition("?")
    boto_path, _, literal_query = serialized["url_path"].partition("?")
    if path != boto_path:
        problems.append(f"path: ours {path}, botocore {boto_path}")
    ours_query = sorted(query_key(k, v) for k, v in urllib.parse.parse_qsl(query, keep_blank_values=True))
    boto_query = sorted(query_key(k, v) for k, v in botocore_query(literal_query, serialized["query_string"]))
    if ours_query != boto_query:
        problems.append(f"query: ours {short(ours_query, 300)}, botocore {short(boto_query, 300)}")
    return problems + check_body(body, serialized["body"], svc, model)


def botocore_query(literal, query_string):
    """The (name, value) pairs botocore sends: the URI's literal query, then
    its serializer's `query_string` (lists repeat the name)."""
    pairs = urllib.parse.parse_qsl(literal, keep_blank_values=True)
    for name, value in (query_string or {}).items():
        for v in value if isinstance(value, list) else [value]:
            pairs.append((name, str(v)))
    return pairs


NUMBER = re.compile(r"^-?(\d+\.?\d*([eE][-+]?\d+)?|NaN|nan|-?Infinity|-?inf)$")
ISO8601 = re.compile(r"^(\d{1,4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?Z$")


def header_value_key(value):
    """A header or query value compared as what it says: numbers by value
    (botocore writes 1e-07 and nan where we write 1e-7 and NaN), date-times by
    instant (botocore writes microseconds, we write milliseconds)."""
    if value is None:
        return None
    if NUMBER.match(value) and not value.isdigit() and not value.lstrip("-").isdigit():
        return float_key(float(value.replace("Infinity", "inf")))
    m = ISO8601.match(value)
    if m:
        year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
        fraction = fractions.Fraction(m.group(7) or "0")
        try:
            instant = datetime.datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        except ValueError:
            return ("not-a-date", value)
        delta = instant - EPOCH
        return ("instant", (delta.days * 86400 + delta.seconds) * 1000 + math.floor(fraction * 1000))
    return value


def query_key(name, value):
    return (name, repr(header_value_key(value)))


def check_body(body, boto_body, svc, model):
    """Our body against botocore's: a payload as bytes, JSON as values."""
    if isinstance(boto_body, str):
        boto_body = boto_body.encode("utf-8")
    shape = model.input_shape
    payload_name = shape.serialization.get("payload") if shape is not None else None
    payload = shape.members[payload_name] if payload_name else None
    if payload is not None and payload.type_name in ("blob", "string"):
        return [] if body == boto_body else [f"payload: ours {short(body)}, botocore {short(boto_body)}"]
    if not body or not boto_body:
        return [] if body == boto_body else [f"body: ours {short(body)}, botocore {short(boto_body)}"]
    try:
        ours_body = json.loads(body, parse_float=decimal.Decimal)
    except ValueError as e:
        return [f"our body is not JSON: {e}"]
    boto_value = json.loads(boto_body, parse_float=decimal.Decimal)
    target = payload if payload is not None else shape
    if target is None:
        problems = [] if ours_body == boto_value else [f"body: ours {short(ours_body)}, botocore {short(boto_value)}"]
    else:
        problems = [f"body {d}" for d in diff(normalize(ours_body, target, True, svc.wire_keys),
                                              normalize(boto_value, target, True, svc.wire_keys))]
    if not problems:
        note_formatting(body, boto_body)
    return problems


def response_cases(svc, op, rng, count):
    model = svc.model.operation_model(op)
    inter, smithy = svc.inter, svc.smithy
    cases = []
    shape = model.output_shape
    plans = [("none", "none"), ("all", "all"), ("empty", "empty")] + [(f"random-{i}", "random") for i in range(max(0, count - 3))]
    plans.append(("nulls", "all"))
    if inter.has_defaults(shape):
        plans.append(("defaults-omitted", "all"))
    for name, mode in plans:
        gen = Generator(rng, inter, mode, omit_defaults=name in ("defaults-omitted", "nulls"), nulls=name == "nulls")
        value = gen.value(shape, output=True) if shape is not None else {}
        if svc.rest:
            status, headers, body = rest_message(svc, shape, value, rng)
            headers.append(["x-amzn-requestid", f"req-{rng.randrange(10**6)}"])
        else:
            status = 200
            body = to_json_text(value, ensure_ascii=rng.random() < 0.5, compact=rng.random() < 0.5).encode("utf-8")
            if mode == "none" and rng.random() < 0.5 and not value:
                body = b""
            headers = [["x-amzn-requestid", f"req-{rng.randrange(10**6)}"], ["content-type", "application/x-amz-json-1.1"]]
        cases.append(response_case(f"{svc.name}/response/{op}/output-{name}", svc, op, model, status, headers, body, "output"))
    error_names = [e.name for e in model.error_shapes if e.name in inter.members]
    variants = ("errortype", "errortype-namespaced", "code", "type", "code-and-type") if svc.rest \
        else ("type", "namespaced", "uri", "header", "both")
    for error in error_names:
        status = smithy.http_status(error)
        error_shape = svc.model.shape_for(error)
        fields = error_fields(rng, error_shape, inter)
        for variant in variants:
            headers = [["x-amzn-requestid", "req-1"]]
            ids = {"type": {"__type": error}, "namespaced": {"__type": f"{smithy.namespace}#{error}"},
                   "uri": {"__type": f"{smithy.namespace}#{error}:http://internal.amazon.com/coral/com.amazon.coral.validate/"},
                   "both": {"__type": error}, "code": {"code": error},
                   "code-and-type": {"code": error, "__type": f"{smithy.namespace}#OtherException"}}.get(variant, {})
            if variant in ("header", "both", "errortype"):
                headers.append(["X-Amzn-ErrorType", error if variant == "both" else
                                f"{error}:http://internal.amazon.com/coral/com.amazon.coral.service/"])
            if variant == "errortype-namespaced":
                headers.append(["X-Amzn-ErrorType", f"{smithy.namespace}#{error}:http://internal.amazon.com/coral/"])
            if svc.rest:
                _, more, body = rest_message(svc, error_shape, fields, rng, extra_body=ids)
                headers += more
            else:
                body = to_json_text({**ids, **fields}, ensure_ascii=rng.random() < 0.5,
                                    compact=rng.random() < 0.5).encode("utf-8")
            case_id = f"{svc.name}/response/{op}/error-{error}" + ("" if variant == "type" else f"-{variant}")
            cases.append(response_case(case_id, svc, op, model, status, headers, body, "error"))
    # An error type nobody models, and one the service models but not for this operation.
    unmodeled = {"__type": "ThrottlingException", rng.choice(["message", "Message"]): "Rate exceeded 😀"}
    cases.append(response_case(f"{svc.name}/response/{op}/unmodeled", svc, op, model, 400,
                               [], json.dumps(unmodeled).encode("utf-8"), "error"))
    foreign = sorted(set(e.name for e in service_errors(svc.model)) - set(error_names))
    if foreign:
        name = rng.choice(foreign)
        fields = error_fields(rng, svc.model.shape_for(name), inter)
        if svc.rest:
            _, headers, body = rest_message(svc, svc.model.shape_for(name), fields, rng, extra_body={"__type": name})
        else:
            headers, body = [], json.dumps({"__type": name, **fields}).encode("utf-8")
        cases.append(response_case(f"{svc.name}/response/{op}/foreign-{name}", svc, op, model,
                                   smithy.http_status(name), headers, body, "foreign"))
    return cases


def service_errors(service):
    return [service.shape_for(n) for n in service.shape_names
            if service.shape_for(n).metadata.get("exception", False)]


def error_fields(rng, shape, inter):
    gen = Generator(rng, inter, "random")
    fields = {}
    for name in inter.struct_members(shape):
        member = shape.members[name]
        if rng.random() < (0.9 if name == "message" else 0.8):
            where = member.serialization.get("location")
            fields[name] = gen.string(member) if member.type_name == "string" and where is None \
                else gen.value(member, 1, True, where)
    return fields


def response_case(case_id, svc, op, model, status, headers, body, expect):
    payload = {"kind": "response", "service": svc.name, "op": op, "status": status, "headers": headers,
               "body_base64": base64.b64encode(body).decode("ascii")}

    def check(ours):
        return check_response(ours, svc, model, status, headers, body, expect)

    return Case(case_id, "response", svc, op, payload, check)


def check_response(ours, svc, model, status, headers, body, expect):
    if "failure" in ours:
        return [f"driver: {ours['failure']}"]
    result = ours["result"]
    try:
        boto = botocore_response(svc, model, status, headers, body)
    except Exception as e:  # botocore refusing the bytes is a result too
        boto = {"__exception": f"{type(e).__name__}: {e}"}
    if "__exception" in boto:
        return [f"botocore raised {boto['__exception']}; ours {short(result)}"]
    if status < 300:
        if "output" not in result:
            return [f"ours did not parse the output: {short(result)}"]
        boto.pop("ResponseMetadata", None)
        shape = model.output_shape
        if shape is None:
            return [] if result["output"] == {} and boto == {} else [f"output: ours {short(result['output'])}, botocore {short(boto)}"]
        return [f"output {d}" for d in diff(normalize(result["output"], shape, False, svc.document_keys),
                                            normalize(boto, shape, False))]
    if "error" not in result:
        return [f"ours did not parse an error: {short(result)}"]
    error = result["error"]
    problems = []
    boto_error = boto.get("Error", {})
    if error["code"] != boto_error.get("Code"):
        problems.append(f"code: ours {error['code']!r}, botocore {boto_error.get('Code')!r}")
    if (error["message"] or "") != boto_error.get("Message", ""):
        problems.append(f"message: ours {error['message']!r}, botocore {boto_error.get('Message')!r}")
    if error["status"] != status:
        problems.append(f"status: ours {error['status']}, sent {status}")
    error_shape = boto.get("__error_shape")
    if expect == "error":
        modeled_here = error_shape is not None and error_shape.name in {e.name for e in model.error_shapes}
        if bool(error["modeled"]) != modeled_here:
            problems.append(f"modeled: ours {error['modeled']}, botocore {modeled_here}")
        if modeled_here:
            boto_fields = {k: v for k, v in boto.items() if k not in ("Error", "ResponseMetadata", "__error_shape")}
            for d in diff(normalize(error["fields"] or {}, error_shape, False, svc.document_keys),
                          normalize(boto_fields, error_shape, False)):
                problems.append(f"fields {d}")
    elif expect == "foreign" and error["modeled"]:
        problems.append("ours treats an error the operation does not list as modeled")
    return problems


# ---------------------------------------------------------------------------
# Known differences, running, reporting.

def load_known(path):
    known = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split(" | ")]
            if len(parts) != 4 or not all(parts):
                raise SystemExit(f"{path}:{number}: expected `pattern | problem regex | reason | evidence`")
            known.append({"pattern": parts[0], "allowed": re.compile(parts[1]), "reason": parts[2],
                          "evidence": parts[3], "hits": 0})
    return known


def explain(known, case_id, problem):
    """The first known difference whose glob matches the case and whose regex
    matches the problem, if any."""
    return next((k for k in known if fnmatch.fnmatchcase(case_id, k["pattern"]) and k["allowed"].search(problem)),
                None)


def run_driver(driver, cases):
    text = "".join(json.dumps(dict(c.payload, id=i)) + "\n" for i, c in enumerate(cases))
    proc = subprocess.run([driver], input=text.encode("utf-8"), capture_output=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"driver exited with {proc.returncode}: {proc.stderr.decode(errors='replace')[-2000:]}")
    answers = {}
    for line in proc.stdout.decode("utf-8").split("\n"):
        if not line:
            continue
        answer = json.loads(line, parse_float=decimal.Decimal)
        answers[answer["id"]] = answer
    return answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--driver", required=True)
    parser.add_argument("--service", action="append", help="botocore's name of a service (default: all of them)")
    parser.add_argument("--models", default=DEFAULT_MODELS)
    parser.add_argument("--known", default=DEFAULT_KNOWN)
    parser.add_argument("--requests", type=int, default=24, help="request cases per operation (at least 3)")
    parser.add_argument("--responses", type=int, default=8, help="output cases per operation (at least 3)")
    parser.add_argument("--seed", type=int, default=20250402)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    freeze_botocore_clock()
    session = botocore.session.get_session()
    known = load_known(args.known)
    served = json.loads(subprocess.run([args.driver, "--services"], capture_output=True, check=True).stdout)
    wanted = args.service or [s["name"] for s in served]
    unknown = sorted(set(wanted) - {s["name"] for s in served})
    if unknown:
        raise SystemExit(f"the driver serves no service {unknown}")
    print(f"botocore {botocore.__version__}")
    cases, missing, services = [], [], []
    for entry in served:
        if entry["name"] not in wanted:
            continue
        svc = Service(entry["name"], session, os.path.join(args.models, entry["model_file"]))
        services.append(svc)
        print(f"{svc.name}: {svc.protocol}, Smithy model {entry['model_file']}; "
              f"model differences (botocore vs Smithy, information): {len(svc.inter.diffs)}")
        for d in svc.inter.diffs[:20]:
            print(f"  {d}")
        if len(svc.inter.diffs) > 20:
            print(f"  ... and {len(svc.inter.diffs) - 20} more")
        both = sorted(set(svc.model.operation_names) & set(svc.smithy.operations()))
        for op in both:
            if op not in entry["operations"]:
                missing.append((svc, op))
                continue
            rng = random.Random(f"{args.seed}/{svc.name}/{op}")
            cases += request_cases(svc, op, rng, max(3, args.requests))
            cases += response_cases(svc, op, rng, max(3, args.responses))
    answers = run_driver(args.driver, cases)

    table = {}
    failures = []
    totals = {}
    for index, case in enumerate(cases):
        ours = answers.get(index, {"failure": "no answer from the driver"})
        try:
            problems = case.check(ours)
        except Exception as e:  # a crash in one check is that case's failure
            problems = [f"check raised {type(e).__name__}: {e}"]
        row = table.setdefault((case.svc.name, case.op), {"request": [0, 0, 0], "response": [0, 0, 0]})
        # Every problem must be explained by an entry whose glob matches the case.
        explained = [explain(known, case.id, p) for p in problems]
        unexplained = [p for p, k in zip(problems, explained) if k is None]
        if unexplained:
            outcome = 1
            failures.append((case.id, unexplained + [f"(explained by a known difference: {p})"
                                                     for p, k in zip(problems, explained) if k is not None]))
        elif problems:
            for k in {id(k): k for k in explained}.values():
                k["hits"] += 1
            outcome = 2
        else:
            outcome = 0
        row[case.kind][outcome] += 1
        counts = totals.setdefault(case.svc.name, [0, 0, 0])
        counts[outcome] += 1
    for svc, op in missing:
        skip = explain(known, f"{svc.name}/operation/{op}", "not generated by the bindings")
        counts = totals.setdefault(svc.name, [0, 0, 0])
        if skip is not None:
            skip["hits"] += 1
            counts[2] += 1
        else:
            failures.append((f"{svc.name}/operation/{op}", ["not generated by the bindings"]))
            counts[1] += 1

    print()
    print(f"{'service / operation':<60} {'requests p/f/s':>15} {'responses p/f/s':>16}")
    for (name, op) in sorted(table):
        r, s = table[(name, op)]["request"], table[(name, op)]["response"]
        print(f"{name + ' / ' + op:<60} {r[0]:>5}/{r[1]}/{r[2]:<5}   {s[0]:>6}/{s[1]}/{s[2]:<5}")
    print()
    for k in known:
        state = f"{k['hits']} cases skipped" if k["hits"] else "unused: no case shows it any more (stale?)"
        print(f"known difference {k['pattern']} /{k['allowed'].pattern}/: {state}")
    print()
    print("request body bytes (information; bodies are compared as JSON values):")
    for kind, count in sorted(FORMATTING.items()):
        print(f"  {count:>6}  {kind}")
    if failures:
        print()
        print(f"failures ({len(failures)}):")
        for case_id, problems in failures[: (len(failures) if args.verbose else 30)]:
            print(f"  {case_id}")
            for p in problems[:6]:
                print(f"    {p}")
    print()
    for svc in services:
        p, f, k = totals.get(svc.name, [0, 0, 0])
        print(f"botocore parity {svc.name} ({svc.protocol}): {p} passed, {f} failed, {k} skipped")
    p, f, k = (sum(t[i] for t in totals.values()) for i in range(3))
    print(f"botocore parity: {p} passed, {f} failed, {k} skipped")
    return 1 if f else 0


if __name__ == "__main__":
    sys.exit(main())
