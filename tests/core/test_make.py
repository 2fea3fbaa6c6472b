"""`make run` on a fresh machine says what it is doing at every step, and pip shows its progress."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_make_run_announces_every_step_and_lets_pip_show_its_progress(tmp_path):
    plan = subprocess.run(
        ["make", "--dry-run", "run", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    steps = [line for line in plan.splitlines() if line.startswith("echo") and "==" in line]
    assert [step for step in steps if "virtual environment" in step]
    assert [step for step in steps if "Installing" in step]
    assert [step for step in steps if "database" in step] and [
        step for step in steps if "demo content" in step
    ]
    assert [step for step in steps if "Serving" in step]
    installs = [line for line in plan.splitlines() if "pip install" in line]
    assert installs and not any("--quiet" in line or " -q" in line for line in installs)
