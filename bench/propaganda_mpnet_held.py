"""The shipped propaganda model with the MPNet span tagger in its mix, read once on the held-out
PTC articles and on the wire-test articles (session 45, part spanship).

Usage: ``/work/notes/heavy --slot train nice -n 5 python bench/propaganda_mpnet_held.py``
(VERACITY_DATA_DIR set; about 20 minutes at a load of 5 on the shared 2 cores); for the wire
figures of another checkout, run ``--wire-only`` from that checkout's root.

Prints the card's mix as loaded, held-out SI (official partial-overlap metric, PTC's lines as
sentences, as ``bench/propaganda.py`` reads it) and the deep path's propaganda spans per 1,000
words and detector CPU seconds on ``bench/propaganda.py``'s 40 wire articles. TC micro-F1 and
per-technique recall classify the gold spans, so a span tagger does not move them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import propaganda as pb  # bench/propaganda.py

    if "--wire-only" not in argv:
        from veracity.propaganda import load_propaganda_model
        from veracity.propaganda.corpus import load_ptc_train
        from veracity.propaganda.scoring import si_scores
        from veracity.propaganda.train import predict_spans
        from veracity.settings import get_settings

        model = load_propaganda_model()
        print(
            "mix: mpnet", getattr(model, "mpnet_", None) is not None,
            getattr(model, "mpnet_weight_", 0.0), "minilm", model.neural_weight_,
            "threshold", model.threshold_, "peak", model.peak_, "edge", model.edge_, flush=True,
        )  # fmt: skip
        ids = set(pb.card()["training_data"]["held_out_ids"])
        held = [a for a in load_ptc_train(get_settings().data_dir) if a.article_id in ids]
        started = time.process_time()
        si = si_scores(predict_spans(model, held), {a.article_id: a.si_spans for a in held})
        print("held", len(held), si, "cpu", time.process_time() - started, flush=True)
    wire = pb.wire(pb.wire_rows(40))
    rate = 1000 * sum(wire["techniques"].values()) / wire["words"]
    print("wire", {k: v for k, v in wire.items() if k != "techniques"}, "rate", rate)
    print("wire techniques", dict(wire["techniques"]), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
