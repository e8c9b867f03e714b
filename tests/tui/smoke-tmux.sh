#!/usr/bin/env bash
# smoke-tmux.sh - black-box smoke test: the real kexplore binary in a real
# terminal (tmux), on the real Linux 6.12 tree for x86_64. Keys go in with
# send-keys, the screen comes back with capture-pane. Prints TAP.
# Without tmux its 9 checks are skipped with the reason; without the tree it fails (Bail out!);
# it never passes silently.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
KEXPLORE=${KEXPLORE:-$top/kexplore}
case $KEXPLORE in /*) ;; *) KEXPLORE=$PWD/$KEXPLORE ;; esac
# shellcheck source-path=SCRIPTDIR source=../lib/tap.sh
. "$here/../lib/tap.sh"

tap_plan 9
if ! tap_require tmux; then
	for i in $(seq 1 9); do skip "smoke check $i" "$tap_missing not installed (apt-get install tmux)"; done
	tap_done
fi
[ -x "$KEXPLORE" ] || tap_bail "no kexplore binary at $KEXPLORE"
tree=$("$top/tests/lib/trees.sh" ensure 6.12 2>/dev/null)
if [ -z "$tree" ] || [ ! -e "$tree/Kconfig" ]; then
	tap_bail "the linux-source-6.12 tree is missing (tests/lib/trees.sh ensure 6.12)"
fi

w=$(mktemp -d "${TMPDIR:-/tmp}/kx-smoke.XXXXXX")
sock=kx-smoke-$$
tm() { tmux -L "$sock" "$@"; }
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	tm kill-server 2>/dev/null
	rm -rf "$w"
}
trap cleanup EXIT

check() {	# check NAME COMMAND...
	if "${@:2}"; then
		ok "$1"
	else
		nok "$1"
		capture | sed 's/^/# /'
	fi
}
capture() { tm capture-pane -p -t kx 2>/dev/null; }
# wait_for TEXT [SECONDS] - until the screen shows TEXT.
wait_for() {
	local i
	for ((i = 0; i < ${2:-30} * 10; i++)); do
		capture | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	return 1
}
keys() { tm send-keys -t kx "$@"; }

# The program runs in a shell that reports its status and the tty modes after it.
printf 'CONFIG_NET=y\nCONFIG_NETDEVICES=y\nCONFIG_PCI=y\nCONFIG_WLAN=y\n' >"$w/.config"
cat >"$w/run.sh" <<EOS
cd "$w" || exit 1
"$KEXPLORE" -C "$tree" --arch x86_64 --config .config
echo "EXIT=\$?"
stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' '
echo; echo DONE
sleep 60
EOS
tm new-session -d -s kx -x 80 -y 24 "env HOME=$w TERM=xterm-256color LANG=C.UTF-8 bash $w/run.sh"

check "first screen shows the x86_64 main menu" \
	wait_for "Linux/x86_64 6.12" 60
check "main menu lists General setup and Device Drivers" \
	bash -c "$(declare -f capture tm); sock=$sock; capture | grep -q 'General setup  --->' && capture | grep -q 'Device Drivers  --->'"
keys /
keys -l iwlwifi
check "search lists IWLWIFI first" wait_for " IWLWIFI [=" 10
keys Enter
check "Enter jumps to the iwlwifi entry under Wireless LAN" \
	bash -c "$(declare -f capture tm wait_for); sock=$sock; wait_for 'Wireless LAN' 10 && capture | grep -q 'Intel Wireless WiFi Next Gen AGN'"
keys Escape
check "Esc returns to the search results" wait_for "Search all: iwlwifi" 10
keys Escape
keys q
# The hand-written .config is not what kexplore would write: it asks first.
check "q asks before quitting with unsaved values" wait_for "Save the configuration to .config?" 10
keys n
check "n quits without saving" wait_for "EXIT=0" 10
# run.sh prints the modes after EXIT=...: wait for its DONE (a loaded machine was seen between).
check "the terminal modes are restored after quitting" \
	bash -c "$(declare -f capture tm wait_for); sock=$sock; wait_for DONE 30 && capture | grep -q '^icanon echo'"

# A signal must give the terminal back too.
tm kill-session -t kx
tm new-session -d -s kx -x 80 -y 24 "env HOME=$w TERM=xterm-256color LANG=C.UTF-8 bash $w/run.sh"
wait_for "Linux/x86_64 6.12" 60 >/dev/null
# The pane runs bash run.sh, whose only child is kexplore: signal it by its id.
kill -TERM "$(pgrep -P "$(tm list-panes -t kx -F '#{pane_pid}')")" 2>/dev/null
check "SIGTERM restores the terminal" \
	bash -c "$(declare -f capture tm wait_for); sock=$sock; wait_for DONE 30 && capture | grep -q '^icanon echo'"
tap_done
