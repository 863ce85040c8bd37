"""The shared int8 MiniLM graph with an intermediate layer's states exposed as an output.

Heads that fine-tune MiniLM's top layers (the propaganda span tagger) read the states after
layer 4 of the same int8 graph the shared encoder runs, and run their own copies of layers 5-6
in numpy (:mod:`veracity.embeddings.layers`). onnxruntime only returns graph outputs, so the
graph is edited in memory: the tensor is appended to the graph's outputs, nothing else
changes, and the last hidden state stays bit-identical (``tests/embeddings``).

The edit needs no ``onnx`` package: the ONNX protobuf is read with a schema of the few fields
touched (model -> graph -> outputs / nodes' outputs); protobuf keeps every other field as
unknown bytes and writes them back unchanged.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from veracity.errors import ModelError

# The output tensor of each MiniLM-L6 layer's final LayerNorm in the int8 graph (0-based
# layer index -> name); the last one is the graph's own ``last_hidden_state``. -1: the
# embeddings' LayerNorm, the input of layer 1 (a tagger fine-tuning all six layers reads it).
LAYER_OUTPUTS = {
    -1: "layer_norm",
    0: "layer_norm_2",
    1: "layer_norm_4",
    2: "layer_norm_6",
    3: "layer_norm_8",
    4: "layer_norm_10",
    5: "last_hidden_state",
}


@lru_cache(maxsize=1)
def _model_class() -> Any:
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    field = descriptor_pb2.FieldDescriptorProto
    proto = descriptor_pb2.FileDescriptorProto(name="veracity_onnx_subset.proto", package="vx")

    def message(name: str, fields: list[tuple[str, int, int, int, str | None]]) -> None:
        m = proto.message_type.add(name=name)
        for field_name, number, kind, label, type_name in fields:
            f = m.field.add(name=field_name, number=number, type=kind, label=label)
            if type_name:
                f.type_name = type_name

    repeated, optional = field.LABEL_REPEATED, field.LABEL_OPTIONAL
    text, nested = field.TYPE_STRING, field.TYPE_MESSAGE
    # field numbers of onnx.proto (ValueInfoProto.name 1; NodeProto.output 2, .op_type 4;
    # GraphProto.node 1, .output 12; ModelProto.graph 7)
    message("ValueInfoProto", [("name", 1, text, optional, None)])
    message(
        "NodeProto", [("output", 2, text, repeated, None), ("op_type", 4, text, optional, None)]
    )
    message(
        "GraphProto",
        [("node", 1, nested, repeated, ".vx.NodeProto"),
         ("output", 12, nested, repeated, ".vx.ValueInfoProto")],
    )  # fmt: skip
    message("ModelProto", [("graph", 7, nested, optional, ".vx.GraphProto")])
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("vx.ModelProto"))


def with_outputs(graph: bytes | Path, tensors: tuple[str, ...]) -> bytes:
    """The serialized ``graph`` (its bytes, as the runtime passes the checked ones, or a graph
    file a tool names) with ``tensors`` appended to its outputs (after the existing ones, in this
    order); :class:`ModelError` when a tensor is not in the graph."""
    model = _model_class()()
    where = f" {graph}" if isinstance(graph, Path) else ""
    try:
        model.ParseFromString(graph.read_bytes() if isinstance(graph, Path) else graph)
    except Exception as exc:  # protobuf's DecodeError and OSError: one actionable error
        raise ModelError(f"cannot read the embedding graph{where}: {exc}") from None
    produced = {name for node in model.graph.node for name in node.output}
    present = {output.name for output in model.graph.output}
    for tensor in tensors:
        if tensor not in produced:
            raise ModelError(f"the embedding graph{where} computes no tensor {tensor!r}")
        if tensor not in present:
            model.graph.output.add(name=tensor)
    return bytes(model.SerializeToString())
