import os, random, sqlite3, sys, tempfile, time
# The writer-lock cost of one fold of SQLite's staged metric log, by history layout (issue 10):
#   python3 bench/metric-fold-costs.py MODE FOLD_ROWS TOTAL_ROWS     (CKPT=10000 sets wal_autocheckpoint as the server does)
# MODE: text (V36: history keyed by run_uuid, key), series (V38: keyed by an integer series id carried by the log),
# join (series ids looked up by the fold instead). 4 runs x 1000 keys, one step per key per 1000-row batch, the
# server's pragmas; prints microseconds per folded row spent in the INSERT ... SELECT, the DELETE and the COMMIT.
mode = sys.argv[1]
fold_rows = int(sys.argv[2])
total = int(sys.argv[3])
path = os.path.join(tempfile.mkdtemp(prefix='mlforge-fold-'), 'fold.db')
for s in ('', '-wal', '-shm'):
    if os.path.exists(path+s): os.remove(path+s)
c = sqlite3.connect(path, isolation_level=None)
for p in ["journal_mode=WAL","synchronous=NORMAL","cache_size=-32000","wal_autocheckpoint=%s" % os.environ.get('CKPT','1000'),"journal_size_limit=67108864","mmap_size=1073741824"]:
    c.execute("PRAGMA "+p).fetchall()
POINT = "step INTEGER NOT NULL, timestamp INTEGER NOT NULL, value REAL NOT NULL, is_nan INTEGER NOT NULL DEFAULT 0"
# the log holds (run_uuid, key) in text mode and join mode, (run_uuid, series_id) in series mode
log_key = "series_id INTEGER NOT NULL" if mode == 'series' else "key TEXT NOT NULL"
c.execute(f"CREATE TABLE metric_log (id INTEGER PRIMARY KEY, run_uuid TEXT NOT NULL, {log_key}, {POINT})")
c.execute("CREATE INDEX metric_log_run ON metric_log (run_uuid)")
ins = f"INSERT INTO metric_log (run_uuid,{log_key.split()[0]},step,timestamp,value,is_nan) VALUES (?,?,?,?,?,0)"
if mode == 'text':
    c.execute(f"CREATE TABLE metrics (run_uuid TEXT NOT NULL, key TEXT NOT NULL, {POINT}, PRIMARY KEY (run_uuid, key, step, timestamp, value, is_nan)) WITHOUT ROWID")
    fold = "INSERT INTO metrics SELECT run_uuid, key, step, timestamp, value, is_nan FROM metric_log WHERE true ORDER BY run_uuid, key, step, timestamp, value, is_nan ON CONFLICT DO NOTHING"
else:
    c.execute("CREATE TABLE metric_series (id INTEGER PRIMARY KEY, run_uuid TEXT NOT NULL, key TEXT NOT NULL, UNIQUE (run_uuid, key))")
    c.execute(f"CREATE TABLE metric_history (series_id INTEGER NOT NULL, {POINT}, PRIMARY KEY (series_id, step, timestamp, value, is_nan)) WITHOUT ROWID")
if mode == 'join':
    fold = "INSERT INTO metric_series (run_uuid, key) SELECT run_uuid, key FROM metric_log WHERE true GROUP BY run_uuid, key ON CONFLICT DO NOTHING"
    fold2 = "INSERT INTO metric_history SELECT s.id, l.step, l.timestamp, l.value, l.is_nan FROM metric_log l JOIN metric_series s ON s.run_uuid = l.run_uuid AND s.key = l.key WHERE true ORDER BY 1, 2, 3, 4, 5 ON CONFLICT DO NOTHING"
elif mode == 'series':
    fold = "INSERT INTO metric_history SELECT series_id, step, timestamp, value, is_nan FROM metric_log WHERE true ORDER BY series_id, step, timestamp, value, is_nan ON CONFLICT DO NOTHING"
runs = ['%032x' % random.getrandbits(128) for _ in range(4)]
series = {}
sid = 0
if mode == 'series':
    for r in runs:
        for k in range(1000):
            sid += 1; series[(r,k)] = sid
            c.execute("INSERT INTO metric_series VALUES (?,?,?)", (sid, r, 'm%d'%k))
batch = 0; rows = 0; tf = ti = td = tc = 0.0; nf = 0; ts = 0.0
t0 = time.time()
while rows < total:
    for r in runs:
        c.execute("BEGIN IMMEDIATE")
        if mode != 'series':
            c.executemany(ins, [(r, 'm%d'%k, batch, 1700000000000+batch, random.random()) for k in range(1000)])
        else:
            c.executemany(ins, [(r, series[(r,k)], batch, 1700000000000+batch, random.random()) for k in range(1000)])
        c.execute("COMMIT")
        rows += 1000
        if rows % fold_rows == 0:
            a = time.perf_counter()
            c.execute("BEGIN IMMEDIATE")
            c.execute(fold)
            if mode == 'join':
                b0 = time.perf_counter(); c.execute(fold2); ts += time.perf_counter() - b0
            b = time.perf_counter()
            c.execute("DELETE FROM metric_log")
            d = time.perf_counter()
            c.execute("COMMIT")
            e = time.perf_counter()
            ti += b-a; td += d-b; tc += e-d; nf += 1
    batch += 1
size = os.path.getsize(path)
c.close()
for suffix in ('', '-wal', '-shm'):
    if os.path.exists(path + suffix): os.remove(path + suffix)
os.rmdir(os.path.dirname(path))
print(f"{mode} fold_rows={fold_rows} rows={rows} folds={nf} us/row: insert {ti/rows*1e6:.2f} delete {td/rows*1e6:.2f} commit {tc/rows*1e6:.2f} total {(ti+td+tc)/rows*1e6:.2f} (history insert part {ts/rows*1e6:.2f}); wall {time.time()-t0:.1f}s dbsize {size/1e6:.0f}MB")
