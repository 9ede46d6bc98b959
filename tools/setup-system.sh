#!/bin/sh
# The system packages xcreport needs on a Debian or Ubuntu machine, installed when they are missing.
#
#   tools/setup-system.sh run    Python 3.11 or newer with venv (what running xcreport needs)
#   tools/setup-system.sh test   also LibreOffice Writer and Calc (headless), poppler-utils and a
#                                Chinese font: the tests convert the reports with a real client
#
# Installs with apt-get as root, through sudo otherwise; where neither can be done it stops at
# once with one line naming the command to run. Prints nothing when everything is there.
set -eu

mode=${1:-run}
PYTHON=${PYTHON:-python3}
missing=""

need() { missing="$missing $1"; }

python_ok() {
    command -v "$PYTHON" >/dev/null 2>&1 &&
        "$PYTHON" -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

office_module() {
    # soffice, and the module of the given application (sw: Writer, sc: Calc) beside it
    soffice=$(command -v soffice 2>/dev/null || command -v libreoffice 2>/dev/null || true)
    [ -n "$soffice" ] || return 1
    program=$(dirname "$(readlink -f "$soffice")")
    ls "$program"/lib"$1"lo.so >/dev/null 2>&1
}

python_ok || need "python3 python3-venv"
if [ "$mode" = test ]; then
    office_module sw || need libreoffice-writer-nogui
    office_module sc || need libreoffice-calc-nogui
    command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || need poppler-utils
    fc-list :lang=zh family 2>/dev/null | grep -q . || need fonts-noto-cjk
fi
[ -n "$missing" ] || exit 0

packages=$(echo $missing)
command="apt-get install -y --no-install-recommends $packages"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "xcreport: 缺少系统软件（$packages），本机没有 apt-get，请用系统的软件包管理器安装" >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && { [ -t 0 ] || sudo -n true 2>/dev/null; }; then
    run="sudo"
else
    echo "xcreport: 缺少系统软件，请先运行：sudo $command" >&2
    exit 1
fi
echo "xcreport: 正在安装系统软件：$packages（需要几分钟）…" >&2
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq >/dev/null
# shellcheck disable=SC2086  # the package list is split on purpose
$run apt-get install -y -qq --no-install-recommends $packages >/dev/null
if ! python_ok; then
    echo "xcreport: 需要 Python 3.11 或更新版本（现在是 $("$PYTHON" --version 2>&1)），可用 PYTHON=python3.12 make … 指定" >&2
    exit 1
fi
