#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, from Debian's packages, everything on 127.0.0.1:
# munged, MariaDB for accounting, slurmdbd, slurmctld, slurmd and slurmrestd (JWT), each on a free
# port, all state under one directory. Whoever starts it stops it.
#
#   testing/slurm/cluster.sh install          # the Debian packages (needs root; no-op when present)
#   testing/slurm/cluster.sh start DIR        # starts it; writes DIR/cluster.json
#   testing/slurm/cluster.sh stop DIR         # stops everything started under DIR
#   testing/slurm/cluster.sh kill-node DIR    # kills slurmd as a failing machine would (SIGKILL)
#   testing/slurm/cluster.sh revive-node DIR  # starts slurmd again and returns the node to service
#
# cluster.json: {"rest":"http://127.0.0.1:PORT","jwtKey":"DIR/state/jwt_hs256.key","user":"...","partition":"...",
#                "cpus":N,"memoryMb":N,"slurmConf":"DIR/etc/slurm.conf"}
set -euo pipefail

PACKAGES=(slurmctld slurmd slurmdbd slurmrestd slurm-client slurm-wlm-jwt-plugin slurm-wlm-mysql-plugin munge mariadb-server)
JOB_USER=cyberplaza-hpc
PARTITION=compute

die() { echo "slurm: $*" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

installed() {
  local p
  for p in "${PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || return 1; done
}

install() {
  installed && { echo "slurm: packages present"; return 0; }
  [[ $(id -u) -eq 0 ]] || die "the Slurm packages are missing and installing them needs root: apt-get install ${PACKAGES[*]}"
  command -v apt-get >/dev/null || die "no apt-get here: install ${PACKAGES[*]} by hand"
  # Package scripts must not start the system's own daemons: this cluster runs its own, under its directory.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created_policy=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null; } \
    || { [[ $created_policy -eq 1 ]] && rm -f "$policy"; die "apt-get could not install ${PACKAGES[*]}"; }
  [[ $created_policy -eq 1 ]] && rm -f "$policy"
  echo "slurm: installed ${PACKAGES[*]}"
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  while ((SECONDS < deadline)); do timeout 5 "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  die "$what did not come up in ${limit}s (logs in $D/log)"
}

start() {
  installed || die "Slurm is not installed (testing/slurm/cluster.sh install)"
  [[ $(id -u) -eq 0 ]] || die "slurmd runs jobs as their user, which needs root"
  D=$(mkdir -p "$1" && cd "$1" && pwd)
  [[ -e $D/cluster.json ]] && die "a cluster is already running under $D (stop it first)"
  # slurmrestd runs as nobody and jobs as their own user: both must reach the cluster's files.
  local parent=$D
  while [[ $parent != / ]]; do
    parent=$(dirname "$parent")
    [[ $(stat -c %A "$parent") =~ ^.{9}[xt]$ ]] \
      || die "$parent is closed to other users: put the cluster under a directory everyone can traverse (e.g. /tmp)"
  done
  # Whatever fails half-way is stopped: no daemon outlives a start that did not finish.
  trap 'status=$?; [[ $status -eq 0 ]] || stop "$D" >/dev/null 2>&1' EXIT
  mkdir -p "$D"/{etc,state,spool,run,log,mysql,jobs}
  chmod 0755 "$D" "$D"/{etc,run,log,jobs}
  id -u "$JOB_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$JOB_USER"
  chown "$JOB_USER" "$D/jobs"

  local host cpus memory ctld_port slurmd_port dbd_port db_port rest_port
  host=$(hostname -s)
  cpus=$(nproc)
  memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))
  ctld_port=$(free_port); slurmd_port=$(free_port); dbd_port=$(free_port); db_port=$(free_port); rest_port=$(free_port)

  mungekey --create --keyfile="$D/etc/munge.key" --force >/dev/null 2>&1 \
    || dd if=/dev/urandom of="$D/etc/munge.key" bs=1024 count=1 status=none
  chmod 0400 "$D/etc/munge.key"
  dd if=/dev/urandom of="$D/state/jwt_hs256.key" bs=32 count=1 status=none
  chmod 0600 "$D/state/jwt_hs256.key"

  cat > "$D/etc/slurm.conf" <<CONF
ClusterName=cyberplaza
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$D/run/munge.sock
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=$D/state/jwt_hs256.key
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/run/slurmctld.pid
SlurmdPidFile=$D/run/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=5
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=256
ReturnToService=2
SlurmdParameters=config_overrides
MinJobAge=3600
# A node whose slurmd is gone is down (and its jobs NODE_FAIL) within seconds, not the default five minutes.
SlurmdTimeout=10
JobRequeue=0
MaxArraySize=1001
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=$dbd_port
AccountingStoragePass=$D/run/munge.sock
AccountingStorageEnforce=associations
JobCompType=jobcomp/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=$PARTITION Nodes=ALL Default=YES MaxTime=24:00:00 State=UP
CONF
  echo "CgroupPlugin=cgroup/v1" > "$D/etc/cgroup.conf"
  cat > "$D/etc/slurmdbd.conf" <<CONF
DbdHost=localhost
DbdPort=$dbd_port
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$D/run/munge.sock
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=$D/state/jwt_hs256.key
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$db_port
StorageUser=slurm
StoragePass=slurm-local
StorageLoc=slurm_acct_db
LogFile=$D/log/slurmdbd.log
PidFile=$D/run/slurmdbd.pid
CONF
  chmod 0600 "$D/etc/slurmdbd.conf"
  export SLURM_CONF=$D/etc/slurm.conf

  munged --key-file="$D/etc/munge.key" --socket="$D/run/munge.sock" --pid-file="$D/run/munged.pid" \
    --seed-file="$D/run/munged.seed" --log-file="$D/log/munged.log" --force
  wait_for 10 munged bash -c "munge -n -S '$D/run/munge.sock' | unmunge -S '$D/run/munge.sock'"

  mariadb-install-db --no-defaults --basedir=/usr --datadir="$D/mysql" --user=root --skip-test-db > "$D/log/mariadb-install.log" 2>&1 \
    || die "mariadb-install-db failed (see $D/log/mariadb-install.log)"
  (setsid mariadbd --no-defaults --user=root --datadir="$D/mysql" --socket="$D/run/mysql.sock" --port="$db_port" \
    --bind-address=127.0.0.1 --skip-name-resolve --pid-file="$D/run/mariadb.pid" --log-error="$D/log/mariadb.log" \
    --innodb-buffer-pool-size=64M --innodb-lock-wait-timeout=900 > /dev/null 2>&1 &)
  wait_for 60 MariaDB mariadb-admin --socket="$D/run/mysql.sock" ping
  mariadb --socket="$D/run/mysql.sock" -u root -e "CREATE USER 'slurm'@'127.0.0.1' IDENTIFIED BY 'slurm-local';
    GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';"

  slurmdbd
  wait_for 60 slurmdbd sacctmgr -n show cluster
  sacctmgr -i add cluster cyberplaza >/dev/null 2>&1 || true
  sacctmgr -i add account cyberplaza Cluster=cyberplaza Description="CyberPlaza orders" Organization=cyberplaza >/dev/null 2>&1 || true
  sacctmgr -i add user "$JOB_USER" Account=cyberplaza >/dev/null 2>&1 || true
  sacctmgr -i add user root Account=cyberplaza >/dev/null 2>&1 || true

  slurmctld -i
  wait_for 60 slurmctld scontrol ping
  slurmd -N "$host"
  wait_for 60 "the node" bash -c "sinfo -h -N -o '%t' | grep -Eq '^(idle|mix|alloc)'"

  (SLURM_JWT=daemon SLURMRESTD_SECURITY=disable_user_check setsid slurmrestd -a rest_auth/jwt -s openapi/v0.0.38,openapi/dbv0.0.38 \
    -u nobody -g nogroup "127.0.0.1:$rest_port" > "$D/log/slurmrestd.log" 2>&1 & echo $! > "$D/run/slurmrestd.pid")
  wait_for 30 slurmrestd bash -c "exec 3<>/dev/tcp/127.0.0.1/$rest_port"

  cat > "$D/cluster.json" <<JSON
{"rest":"http://127.0.0.1:$rest_port","jwtKey":"$D/state/jwt_hs256.key","user":"$JOB_USER","partition":"$PARTITION","cpus":$cpus,"memoryMb":$memory,"slurmConf":"$D/etc/slurm.conf","jobs":"$D/jobs"}
JSON
  echo "slurm: cluster up under $D: slurmrestd at http://127.0.0.1:$rest_port"
}

stop() {
  D=$(cd "$1" 2>/dev/null && pwd) || return 0
  export SLURM_CONF=$D/etc/slurm.conf
  local pidfile
  # Jobs first: a shutdown leaves their step daemons running.
  [[ -f $D/etc/slurm.conf ]] && timeout 10 scancel --full --user="$JOB_USER" >/dev/null 2>&1 || true
  [[ -f $D/etc/slurm.conf ]] && timeout 10 scontrol shutdown >/dev/null 2>&1 || true
  for pidfile in slurmrestd slurmd slurmctld slurmdbd; do
    [[ -f $D/run/$pidfile.pid ]] && kill "$(cat "$D/run/$pidfile.pid")" 2>/dev/null || true
  done
  [[ -S $D/run/mysql.sock ]] && mariadb-admin --socket="$D/run/mysql.sock" shutdown >/dev/null 2>&1 || true
  [[ -S $D/run/munge.sock ]] && munged --stop --socket="$D/run/munge.sock" >/dev/null 2>&1 || true
  [[ -f $D/run/munged.pid ]] && kill "$(cat "$D/run/munged.pid")" 2>/dev/null || true
  rm -f "$D/cluster.json"
  echo "slurm: cluster under $D stopped"
}

# The node's slurmd dies as a machine would (its jobs' processes are left to the controller's verdict).
kill_node() {
  D=$(cd "$1" && pwd)
  [[ -f $D/run/slurmd.pid ]] && kill -9 "$(cat "$D/run/slurmd.pid")" 2>/dev/null || true
  rm -f "$D/run/slurmd.pid"
  echo "slurm: slurmd under $D killed"
}

revive_node() {
  D=$(cd "$1" && pwd)
  export SLURM_CONF=$D/etc/slurm.conf
  slurmd -N "$(hostname -s)"
  scontrol update nodename="$(hostname -s)" state=resume >/dev/null 2>&1 || true
  wait_for 60 "the node" bash -c "sinfo -h -N -o '%t' | grep -Eq '^(idle|mix|alloc)$'"
  echo "slurm: slurmd under $D back"
}

case "${1:-}" in
  install) install ;;
  kill-node) [[ -n ${2:-} ]] || die "usage: $0 kill-node DIR"; kill_node "$2" ;;
  revive-node) [[ -n ${2:-} ]] || die "usage: $0 revive-node DIR"; revive_node "$2" ;;
  start) [[ -n ${2:-} ]] || die "usage: $0 start DIR"; start "$2" ;;
  stop) [[ -n ${2:-} ]] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 install | start DIR | stop DIR | kill-node DIR | revive-node DIR" ;;
esac
