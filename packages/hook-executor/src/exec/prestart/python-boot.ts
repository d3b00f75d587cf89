// The program a pre-started python runs (`python3 -c BOOT`): its interpreter has started (site,
// encodings, sys.stdin/stdout/stderr on the hook's pipes), then it blocks reading fd 3. When the
// event comes, the server writes the hook there (see handover.ts) and closes it; the program
// becomes what `python3 -c CODE args…` or `python3 SCRIPT args…` would have been from the start:
// cwd, the whole environment, sys.argv, sys.orig_argv, sys.path[0], a clean `__main__` (with
// `__file__`, `__cached__` and `__loader__` for a script), the code compiled from the file as it is
// now. The script is read and compiled only then. An uncaught exception is printed without this
// program's frames, so the traceback, the exit code (1, or SIGINT for KeyboardInterrupt) and
// SystemExit behave as in a cold start. It imports nothing that python's start-up did not; an
// empty read (the server went away before an event) exits at once.
export const PYTHON_BOOT = String.raw`import sys, os
def _hx(sys=sys, os=os):
    g = globals()
    ours = (_hx.__code__, sys._getframe(1).f_code)
    # PEP 538: in a C locale python sets LC_CTYPE at start-up, and a cold hook sees it in its
    # environment. The pool's key holds every locale variable, so the event's start-up would have done
    # the same: keep it when the event's environment does not set LC_CTYPE itself.
    coerced = os.environb.get(b'LC_CTYPE')
    data = b''
    while True:
        chunk = os.read(3, 1 << 16)
        if not chunk:
            break
        data += chunk
    os.close(3)
    if not data:
        os._exit(0)
    f = data.split(b'\0')
    d = os.fsdecode
    cwd, mode, target, n = d(f[0]), f[1], d(f[2]), int(f[3])
    args = [d(a) for a in f[4:4 + n]]
    m = int(f[4 + n])
    os.chdir(cwd)
    os.environ.clear()
    names = set()
    for kv in f[5 + n:5 + n + m]:
        k, _, v = kv.partition(b'=')
        os.environb[k] = v
        names.add(k)
    if coerced is not None and b'LC_CTYPE' not in names:
        os.environb[b'LC_CTYPE'] = coerced
    orig = hasattr(sys, 'orig_argv')  # python 3.10+
    first = sys.orig_argv[0] if orig else None
    for name in ('_hx', 'sys', 'os'):
        g.pop(name, None)
    if mode == b'code':
        sys.argv = ['-c'] + args
        if orig:
            sys.orig_argv = [first, '-c', target] + args
        code = compile(target, '<string>', 'exec', dont_inherit=True)
    else:
        path = os.path.abspath(target)
        sys.argv = [target] + args
        if orig:
            sys.orig_argv = [first, target] + args
        sys.path[0] = os.path.dirname(os.path.realpath(target))
        with open(path, 'rb') as fh:
            source = fh.read()
        g['__file__'] = path
        g['__cached__'] = None
        g['__loader__'] = sys.modules['_frozen_importlib_external'].SourceFileLoader('__main__', path)
        code = compile(source, path, 'exec', dont_inherit=True)
    del data, f, chunk
    try:
        exec(code, g)
    except SystemExit:
        raise
    except BaseException:
        hook = sys.excepthook
        def strip(kind, value, tb):
            sys.excepthook = hook
            while tb is not None and tb.tb_frame.f_code in ours:
                tb = tb.tb_next
            if value is not None:
                value.__traceback__ = tb
            hook(kind, value, tb)
        sys.excepthook = strip
        raise
_hx()
`;
