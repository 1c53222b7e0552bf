"""Bounded work per text in the ONNX models (issue 11, item 6).

A 50 MB JSONL line once took 6.9 GB: the tokenizer encoded the whole text before truncating it to the
model's 128 tokens. Each model now cuts a text to a character budget first. Measured in a fresh process
(``ru_maxrss`` is a high-water mark): embedding, or reading as an NLI premise, a 20 MB synthetic text
adds little to the process's peak memory and gives the same result as its first 10,000 characters.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SCRIPT = r"""
import json, resource, sys
import numpy as np

kind = sys.argv[1]
# a synthetic test fixture: one made-up sentence repeated to 20 MB
sentence = "This synthetic test fixture sentence says aspirin lowered stroke risk in 120 adults. "
huge = sentence * (20_000_000 // len(sentence))
head = huge[:10_000]
if kind == "embedder":
    from medcite.adapters.onnx_embedder import OnnxEmbedder

    model = OnnxEmbedder(threads=1)
    run = lambda text: model.embed([text, "aspirin"])
else:
    from medcite.adapters.onnx_nli import NLIModel, shipped_model_dir

    model = NLIModel(shipped_model_dir(), threads=1)
    run = lambda text: model.predict([(text, "Aspirin lowered stroke risk."), ("x", "y")])
small = run(head)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
big = run(huge)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"grew_mb": (after - before) / 1024, "same": bool(np.allclose(small, big, atol=1e-6))}))
"""


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["embedder", "nli"])
def test_a_20_mb_text_stays_within_a_memory_bound(kind: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, kind], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["same"], "the result should be that of the text's first 10,000 characters"
    assert result["grew_mb"] < 150, f"peak memory grew by {result['grew_mb']:.0f} MB for one 20 MB text"
