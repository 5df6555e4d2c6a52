#!/usr/bin/env python3
"""Runs the last stage of a Containerfile on a root filesystem directory: the stand-in for `podman build`
on a machine with no container engine and no registry (hack/images.sh). The caller provides the stage's
FROM as a directory; this runs the stage's RUN steps in a chroot (own mount namespace, so nothing stays
mounted), does its COPY, ENV, WORKDIR and USER, and writes the resulting image config.

  containerfile.py info CONTAINERFILE [--build-arg K=V ...]
      prints JSON {"from": <last stage's FROM, expanded>, "args": {ARG: value}}
  containerfile.py run CONTAINERFILE ROOTFS --context DIR --config-out FILE
      [--base-config FILE] [--stage-dir STAGE=DIR ...] [--build-env K=V ...] [--build-arg K=V ...] [--log FILE]

--base-config is the FROM image's config (JSON: Env, User, WorkingDir, Entrypoint, Cmd), --stage-dir maps
`COPY --from=STAGE` to a directory standing for that stage's root, and --build-env adds variables to the
RUN steps only (not to the image), e.g. where the build's CA certificates are, and --log sends the RUN
steps' output to a file (its end is printed when a step fails). The instructions used by
the project's Containerfiles are supported; anything else is an error, never silently skipped.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
IGNORED = {"LABEL", "EXPOSE", "VOLUME", "STOPSIGNAL", "HEALTHCHECK", "MAINTAINER"}


def fail(msg):
    sys.exit(f"containerfile.py: {msg}")


def instructions(path):
    """(keyword, rest, line number) per instruction: continuation lines joined, comments dropped."""
    out, buf, start = [], "", 0
    with open(path) as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not buf and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if buf and line.lstrip().startswith("#"):
                continue  # a comment inside a continued instruction
            if not buf:
                start = n
            if line.endswith("\\"):
                buf += line[:-1] + " "
                continue
            buf += line
            keyword, _, rest = buf.strip().partition(" ")
            out.append((keyword.upper(), rest.strip(), start))
            buf = ""
    if buf:
        fail(f"{path}:{start}: instruction ends with a line continuation")
    return out


def expand(text, variables):
    def sub(m):
        name = m.group(1) or m.group(3)
        default = m.group(2)
        value = variables.get(name)
        if default is not None:
            return value if value else default[2:]
        return value or ""

    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)", sub, text)


def key_values(rest, variables):
    """ENV/ARG syntax: K=V pairs (quoted values allowed), or the legacy `K V`."""
    words = shlex.split(rest)
    if words and "=" not in words[0]:
        return [(words[0], expand(" ".join(words[1:]), variables))]
    pairs = []
    for w in words:
        k, eq, v = w.partition("=")
        pairs.append((k, expand(v, variables) if eq else None))
    return pairs


def json_or_shell(rest):
    if rest.startswith("["):
        return json.loads(rest)
    return ["/bin/sh", "-c", rest]


def stages(path, build_args):
    """Global ARGs and the stages: [{'from': expanded image, 'name': alias, 'steps': [...]}]."""
    global_args, result = {}, []
    for keyword, rest, line in instructions(path):
        if keyword == "FROM":
            words = rest.split()
            words = [w for w in words if not w.startswith("--platform")]
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            result.append({"from": expand(words[0], global_args), "name": name, "steps": [], "line": line})
        elif not result:
            if keyword != "ARG":
                fail(f"{path}:{line}: only ARG may come before the first FROM, got {keyword}")
            for k, v in key_values(rest, global_args):
                global_args[k] = build_args.get(k, v if v is not None else "")
        else:
            result[-1]["steps"].append((keyword, rest, line))
    if not result:
        fail(f"{path}: no FROM")
    return global_args, result


class Builder:
    def __init__(self, rootfs, context, stage_dirs, build_env, global_args, build_args, base, log=None):
        self.log = log
        self.rootfs, self.context, self.stage_dirs = rootfs, context, stage_dirs
        self.build_env, self.global_args, self.build_args = build_env, global_args, build_args
        env = [e.partition("=") for e in (base.get("Env") or [])]
        self.env = {k: v for k, _, v in env}
        self.env.setdefault("PATH", DEFAULT_PATH)
        self.args = {}
        self.user = base.get("User") or "0"
        self.workdir = base.get("WorkingDir") or "/"
        self.entrypoint = base.get("Entrypoint")
        self.cmd = base.get("Cmd")

    def variables(self):
        return {**self.args, **self.env}

    def inside(self, path):
        path = os.path.normpath(os.path.join(self.workdir, path))
        return os.path.join(self.rootfs, path.lstrip("/"))

    def userspec(self):
        user, _, group = self.user.partition(":")
        uid = self.lookup(user, "passwd")
        gid = self.lookup(group, "group") if group else self.primary_gid(uid)
        return uid, gid

    def lookup(self, name, db):
        if name.isdigit():
            return int(name)
        with open(os.path.join(self.rootfs, "etc", db)) as f:
            for line in f:
                fields = line.split(":")
                if fields[0] == name:
                    return int(fields[2])
        fail(f"USER {self.user}: no {name} in the image's /etc/{db}")

    def primary_gid(self, uid):
        with open(os.path.join(self.rootfs, "etc", "passwd")) as f:
            for line in f:
                fields = line.split(":")
                if fields[2] == str(uid):
                    return int(fields[3])
        return 0

    def run(self, argv, line):
        uid, gid = self.userspec()
        env = dict(self.env)
        env.update(self.args)
        env.setdefault("HOME", "/root" if uid == 0 else "/")
        env.update(self.build_env)
        os.makedirs(self.inside(self.workdir), exist_ok=True)
        # A private mount namespace: /dev and /proc are mounted for the step only and vanish with it.
        script = (
            'r=$1 spec=$2 wd=$3; shift 3; mount --rbind /dev "$r/dev" && mount -t proc proc "$r/proc" || exit 1; '
            'exec chroot --userspec="$spec" "$r" /usr/bin/env -i "$@"'
        )
        inner = ["/bin/sh", "-c", 'cd "$1" && shift && exec "$@"', "sh", self.workdir] + argv
        cmd = ["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c", script, "sh",
               self.rootfs, f"{uid}:{gid}", self.workdir] + [f"{k}={v}" for k, v in env.items()] + inner
        started = time.monotonic()
        shown = " ".join(argv[2:] if argv[:2] == ["/bin/sh", "-c"] else argv)
        print(f"containerfile.py: line {line}: RUN {shown[:100]}{'...' if len(shown) > 100 else ''}", file=sys.stderr, flush=True)
        if self.log:
            with open(self.log, "a") as out:
                out.write(f"==== line {line}: RUN {shown}\n")
                out.flush()
                rc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT).returncode
        else:
            rc = subprocess.run(cmd, stdin=subprocess.DEVNULL).returncode
        if rc != 0:
            if self.log:
                with open(self.log, errors="replace") as f:
                    sys.stderr.write("".join(f.readlines()[-40:]))
            fail(f"line {line}: RUN failed with exit code {rc}" + (f" (output above, all of it in {self.log})" if self.log else ""))
        print(f"containerfile.py: line {line}: done in {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)

    def copy(self, rest, line):
        words = shlex.split(rest)
        source_root, chown, chmod = self.context, "0:0", None
        while words and words[0].startswith("--"):
            flag, _, value = words.pop(0).partition("=")
            if flag == "--from":
                if value not in self.stage_dirs:
                    fail(f"line {line}: COPY --from={value}: no --stage-dir {value}=DIR given")
                source_root = self.stage_dirs[value]
            elif flag == "--chown":
                chown = value
            elif flag == "--chmod":
                chmod = int(value, 8)
            else:
                fail(f"line {line}: COPY {flag} is not supported")
        if len(words) < 2:
            fail(f"line {line}: COPY needs a source and a destination")
        v = self.variables()
        *sources, dest = [expand(w, v) for w in words]
        target = self.inside(dest)
        saved_user = self.user
        self.user = chown
        uid, gid = self.userspec()
        self.user = saved_user
        for source in sources:
            src = os.path.join(source_root, source.lstrip("/"))
            if not os.path.exists(src):
                fail(f"line {line}: COPY source {source} not found (looked at {src})")
            if os.path.isdir(src):
                shutil.copytree(src, target, symlinks=True, dirs_exist_ok=True)
                paths = [target] + [os.path.join(d, n) for d, ds, fs in os.walk(target) for n in ds + fs]
            else:
                into = target if dest.endswith("/") or os.path.isdir(target) else os.path.dirname(target)
                os.makedirs(into, exist_ok=True)
                out = os.path.join(into, os.path.basename(src)) if into == target else target
                shutil.copy2(src, out)
                paths = [out]
            for p in paths:
                os.lchown(p, uid, gid)
                if chmod is not None and not os.path.islink(p):
                    os.chmod(p, chmod)

    def step(self, keyword, rest, line):
        if keyword == "ARG":
            for k, v in key_values(rest, self.variables()):
                if k in self.build_args:
                    self.args[k] = self.build_args[k]
                elif v is not None:
                    self.args[k] = v
                else:
                    self.args[k] = self.global_args.get(k, "")
        elif keyword == "ENV":
            for k, v in key_values(rest, self.variables()):
                self.env[k] = v or ""
        elif keyword == "RUN":
            self.run(json_or_shell(rest), line)
        elif keyword in ("COPY", "ADD"):
            if keyword == "ADD" and re.search(r"https?://|\.tar", rest):
                fail(f"line {line}: ADD of URLs or archives is not supported, use COPY")
            self.copy(rest, line)
        elif keyword == "WORKDIR":
            self.workdir = os.path.normpath(os.path.join(self.workdir, expand(rest, self.variables())))
            os.makedirs(self.inside(self.workdir), exist_ok=True)
        elif keyword == "USER":
            self.user = expand(rest, self.variables())
        elif keyword == "ENTRYPOINT":
            self.entrypoint = json_or_shell(rest)
            self.cmd = None  # as in Docker: a new ENTRYPOINT resets an inherited CMD
        elif keyword == "CMD":
            self.cmd = json_or_shell(rest)
        elif keyword in IGNORED:
            pass
        else:
            fail(f"line {line}: {keyword} is not supported by hack/containerfile.py")

    def config(self):
        return {
            "Env": [f"{k}={v}" for k, v in self.env.items()],
            "User": self.user,
            "WorkingDir": self.workdir,
            "Entrypoint": self.entrypoint,
            "Cmd": self.cmd,
        }


def pairs(values, what):
    result = {}
    for item in values:
        k, eq, v = item.partition("=")
        if not eq:
            fail(f"{what} {item}: expected NAME=VALUE")
        result[k] = v
    return result


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["info", "run"])
    p.add_argument("containerfile")
    p.add_argument("rootfs", nargs="?")
    p.add_argument("--context", default=".")
    p.add_argument("--config-out")
    p.add_argument("--base-config")
    p.add_argument("--stage-dir", action="append", default=[])
    p.add_argument("--build-env", action="append", default=[])
    p.add_argument("--build-arg", action="append", default=[])
    p.add_argument("--log")
    a = p.parse_args()
    build_args = pairs(a.build_arg, "--build-arg")
    global_args, all_stages = stages(a.containerfile, build_args)
    last = all_stages[-1]

    if a.mode == "info":
        args = dict(global_args)
        for keyword, rest, _ in last["steps"]:
            if keyword == "ARG":
                for k, v in key_values(rest, args):
                    args[k] = build_args.get(k, v if v is not None else global_args.get(k, ""))
        print(json.dumps({"from": last["from"], "args": args}, sort_keys=True))
        return

    if not a.rootfs or not os.path.isdir(a.rootfs) or not a.config_out:
        fail("run needs ROOTFS (an existing directory) and --config-out")
    base = {}
    if a.base_config:
        with open(a.base_config) as f:
            base = json.load(f)
    builder = Builder(os.path.abspath(a.rootfs), os.path.abspath(a.context), pairs(a.stage_dir, "--stage-dir"),
                      pairs(a.build_env, "--build-env"), global_args, build_args, base, a.log)
    for keyword, rest, line in last["steps"]:
        builder.step(keyword, rest, line)
    with open(a.config_out, "w") as f:
        json.dump(builder.config(), f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
