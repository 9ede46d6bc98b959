"""``xcreport check-config``: what the program understood of the configuration, in the clerk's words.

Bodies by group, the media levels and their points, the deductions, the cadence and the cutoff,
the targets, the city ranking, the recipients and the mail server.  Never the password: only
whether the environment variable that holds it is set.
"""

from __future__ import annotations

from collections.abc import Mapping

from xcreport.config import GROUP_LABELS, Settings
from xcreport.deliver.smtp import ENV_OVERRIDES, ENV_PASSWORD, resolve_smtp
from xcreport.errors import ConfigError
from xcreport.text import join, num


def _bodies(settings: Settings) -> list[str]:
    lines = [f"报送单位 {len(settings.bodies)} 个："]
    for group, label in GROUP_LABELS.items():
        names = [b.name for b in settings.bodies if b.group == group]
        if names:
            lines.append(f"  {label} {len(names)} 个：{join(names)}")
    no_contact = [b.name for b in settings.bodies if not b.contact.strip()]
    if no_contact:
        lines.append(f"  未填写联系邮箱（不发退回修改邮件）：{join(no_contact)}")
    return lines


def _scoring(settings: Settings) -> list[str]:
    s = settings.scoring
    points = join(f"{lv} {num(s.points.get(lv, 0))} 分" for lv in settings.levels)
    policy = "按最高级别计一次" if s.adoption_policy == "highest" else "每次采用都计分"
    deductions = join(
        f"{label} {num(value)} 分"
        for label, value in (
            ("未按时报送", s.deduct_cadence),
            ("迟报", s.deduct_late),
            ("重大信息迟报", s.deduct_major_late),
            ("重大信息漏报", s.deduct_major_missed),
            ("瞒报", s.deduct_concealed),
            ("虚假失实", s.deduct_false),
        )
    )
    return [
        f"媒体级别（从高到低）：{join(settings.levels)}；登记的用稿媒体 {len(settings.outlets)} 家",
        f"计分（每篇）：{points}；一篇被多家采用时{policy}；领导批示加 {num(s.bonus_instructed)} 分",
        f"扣分：{deductions}",
    ]


def _cadence(settings: Settings) -> list[str]:
    c = settings.cadence
    return [
        f"报送要求：所属单位、工程项目组上半月（1—{c.half_boundary_day}日）、下半月各至少 "
        f"{c.min_per_half} 篇动态信息；机关科室每月至少 {c.min_per_month_office} 篇；"
        f"每月 {c.cutoff_day} 日截止；重大政务信息事发后 {c.major_allowance_days} 日内报送",
    ]


def _targets(settings: Settings) -> list[str]:
    lines = [f"年度目标 {len(settings.targets)} 项："]
    for t in settings.targets:
        what = join([*t.levels, *t.tracks])
        lines.append(f"  {t.id} {t.label}：{'突破' if t.exceed else ''}{t.target} 篇（计入：{what}）")
    r = settings.city_rank
    lines.append(
        f"市局排名：{r.counties} 个县（市、区）中进入前 {r.target_rank} 名，力争前 {r.stretch_rank} 名"
    )
    return lines


def _mail(settings: Settings, env: Mapping[str, str]) -> list[str]:
    """The recipients and the server as a send would use them (the environment's overrides applied)."""
    try:
        target = resolve_smtp(settings, env)
    except ConfigError as exc:
        server = f"未配置或有误（{exc}）"
        user = sender = ""
    else:
        server, user, sender = f"{target.host}:{target.port}（{target.security}）", target.user, target.sender
    overridden = [name for name in ENV_OVERRIDES if env.get(name, "").strip()]
    note = f"（环境变量 {join(overridden)} 优先于配置文件）" if overridden else ""
    password = "已设置" if env.get(ENV_PASSWORD) else "未设置"
    leaders = join(f"{r.name}（{r.role}）" for r in settings.recipients)
    return [
        f"收件领导 {len(settings.recipients)} 人" + (f"：{leaders}" if leaders else "（不生成给领导的邮件）"),
        f"邮件服务器：{server}{note}；登录用户：{user or '无'}；发件人：{sender or '未配置'}",
        f"邮箱密码：环境变量 {ENV_PASSWORD} {password}",
    ]


def describe_settings(settings: Settings, env: Mapping[str, str]) -> list[str]:
    """The lines ``check-config`` prints, after the line naming the file."""
    county = settings.county
    return [
        f"县：{county.name}；发文机关：{county.bureau}；承办：{county.office}",
        *_bodies(settings),
        *_scoring(settings),
        *_cadence(settings),
        *_targets(settings),
        *_mail(settings, env),
    ]
