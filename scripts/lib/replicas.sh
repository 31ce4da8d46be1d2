# Shared by scripts/checks/replicas and scripts/bench-failover (sourced): starting `serve` replicas and reading which
# singleton jobs they lead. Expects: $bin (the leadrouter binary), $work (a scratch directory), the array
# serve_args (the flags every replica gets), the associative array pids (replica name → pid) and a `fail` function.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }

# start_replica NAME PORT: starts `serve` in the background (log $work/serve-NAME.log) and waits until it answers.
start_replica() {
    local name="$1" port="$2"
    "$bin" serve "${serve_args[@]}" --port "$port" >>"$work/serve-$name.log" 2>&1 &
    pids[$name]=$!
    for _ in $(seq 300); do
        curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && return 0
        kill -0 "${pids[$name]}" 2>/dev/null || fail "replica $name exited at start"
        sleep 0.1
    done
    fail "replica $name did not answer within 30 s"
}

# kill_replica NAME [SIGNAL]: SIGKILL (as a crash would) or SIGNAL (TERM: a graceful stop), and waits for the end.
kill_replica() {
    kill -"${2:-KILL}" "${pids[$1]}"
    wait "${pids[$1]}" 2>/dev/null || true
    unset "pids[$1]"
}

# leading PORT: how many singleton jobs the replica on PORT leads now (`leadrouter_job_leader` = 1; 0 when it does
# not answer).
leading() {
    curl -fs "http://127.0.0.1:$1/metrics" 2>/dev/null | awk '/^leadrouter_job_leader\{/ && $2 + 0 == 1 { n++ } END { print n + 0 }'
}

# wait_leading PORT COUNT SECONDS: waits until the replica on PORT leads COUNT jobs; fails (status 1) after SECONDS.
wait_leading() {
    local port="$1" want="$2" deadline
    deadline=$(python3 -c "import time; print(time.time() + $3)")
    while [[ "$(leading "$port")" != "$want" ]]; do
        python3 -c "import sys, time; sys.exit(0 if time.time() < $deadline else 1)" || return 1
        sleep 0.05
    done
}
