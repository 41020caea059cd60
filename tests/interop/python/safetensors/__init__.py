"""A stand-in for the `safetensors` package (pip install safetensors), which Debian does not ship:
just the safe_open() the README's PyTorch loader uses, written from the format's specification
(https://github.com/huggingface/safetensors#format), so the test also reads our files with a
second, independent parser. Used only when the real package is missing."""
import json
import struct

import numpy
import torch

_DTYPES = {"F32": numpy.float32}


class safe_open:
    def __init__(self, path, framework="pt"):
        assert framework == "pt", "this stand-in only gives PyTorch tensors"
        with open(path, "rb") as f:
            data = f.read()
        (length,) = struct.unpack("<Q", data[:8])
        self._header = json.loads(data[8 : 8 + length].decode("utf-8"))
        self._metadata = self._header.pop("__metadata__", {})
        self._data = data[8 + length :]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def metadata(self):
        return self._metadata

    def keys(self):
        return list(self._header)

    def get_tensor(self, name):
        entry = self._header[name]
        begin, end = entry["data_offsets"]
        values = numpy.frombuffer(self._data[begin:end], dtype=numpy.dtype(_DTYPES[entry["dtype"]]).newbyteorder("<"))
        return torch.from_numpy(values.reshape(entry["shape"]).copy())
