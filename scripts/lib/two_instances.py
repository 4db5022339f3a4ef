"""The walk of scripts/two-instances.sh: every request names the instance it goes to (A or B)."""
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

A, B = sys.argv[1], sys.argv[2]
NAMES = {A: "A", B: "B"}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def call(base, method, path, body=None, cookie=None, csrf=None, form=None, content_type=None, raw=None):
    headers = {}
    data = raw
    if body is not None:
        data = json.dumps(body, ensure_ascii=False).encode()
        headers["Content-Type"] = "application/json"
    elif form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if content_type:
        headers["Content-Type"] = content_type
    if cookie:
        headers["Cookie"] = cookie
    if csrf:
        headers["X-CSRF-Token"] = csrf
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        res = OPENER.open(req)
        status, raw, hdrs = res.status, res.read(), res.headers
    except urllib.error.HTTPError as e:
        status, raw, hdrs = e.code, e.read(), e.headers
    text = raw.decode("utf-8", "replace")
    try:
        parsed = json.loads(text) if text.startswith(("{", "[")) else None
    except ValueError:
        parsed = None
    return status, parsed, text, hdrs


def expect(ok, what, detail=""):
    if not ok:
        print(f"✗ {what} {detail}")
        sys.exit(1)
    print(f"✓ {what}")


def session_cookie(hdrs):
    for h in hdrs.get_all("Set-Cookie") or []:
        m = re.match(r"jixiao_session=([^;]+)", h)
        if m:
            return "jixiao_session=" + m.group(1)
    return None


def login(base, username, password):
    status, data, text, hdrs = call(base, "POST", "/api/v1/session", {"username": username, "password": password})
    expect(status == 200, f"{username} 通过实例 {NAMES[base]} 登录", text[:200])
    return session_cookie(hdrs), data["csrfToken"]


# the administrator builds the organisation tree and the accounts through A
admin, admin_csrf = login(A, "admin", "admin-password-1")
# the root was made by create-admin without a code: a parent may be named by its name too
csv = "编码,名称,类型,上级编码\nD1,某市人力资源和社会保障局,主管部门,某市财政局\nU1,某市社会保险中心,单位,D1\n"
status, data, text, _ = call(A, "GET", "/api/v1/organisations", cookie=admin)
root = next(o for o in data if o["name"] == "某市财政局")
status, data, text, _ = call(A, "POST", "/api/v1/organisations/import", cookie=admin, csrf=admin_csrf,
                             content_type="text/csv", raw=csv.encode())
expect(status == 200, "管理员通过实例 A 导入机构 CSV", text[:200])
status, orgs, text, _ = call(B, "GET", "/api/v1/organisations", cookie=admin)
expect(status == 200 and any(o["name"] == "某市社会保险中心" for o in orgs), "实例 B 看到实例 A 导入的机构（管理员会话在 B 同样有效）")
unit = next(o for o in orgs if o["name"] == "某市社会保险中心")["id"]
dept = next(o for o in orgs if o["name"] == "某市人力资源和社会保障局")["id"]
people = [("filler", "填报人", "filler", unit), ("yewu", "业务审核", "businessReviewer", dept),
          ("jixiao", "绩效审核", "performanceReviewer", root["id"]), ("caizheng", "财政审核", "financeReviewer", root["id"])]
for username, name, role, org in people:
    status, data, text, _ = call(B, "POST", "/api/v1/accounts", {"username": username, "name": name, "password": "password-" + username,
                                                                  "role": role, "organisation": org}, cookie=admin, csrf=admin_csrf)
    expect(status == 201, f"管理员通过实例 B 新建账号 {username}（{role}）", text[:200])

# a user signs in through A and acts through B
cookie, csrf = login(A, "filler", "password-filler")
status, me, text, _ = call(B, "GET", "/api/v1/session", cookie=cookie)
expect(status == 200 and me["username"] == "filler", "实例 A 建立的会话在实例 B 有效（同一用户）", text[:200])
table = {"kind": "project", "year": 2026, "unit": "某市社会保险中心", "goal": "按时足额发放待遇",
         "project": {"name": "社会保险经办经费"}, "funds": {"total": 50, "fiscal": 50, "other": 0},
         "indicators": [
             {"level1": "产出指标", "level2": "数量指标", "name": "参保人数", "type": "≥", "value": "12", "unit": "万人",
              "scoring": "达到目标值得满分，否则按比例得分", "weight": 30},
             {"level1": "成本指标", "level2": "经济成本指标", "name": "人均经办成本", "type": "≤", "value": "4", "unit": "元/人",
              "scoring": "不高于目标值得满分，否则不得分", "weight": 20},
             {"level1": "效益指标", "level2": "社会效益指标", "name": "待遇按时发放率", "type": "=", "value": "100", "unit": "%",
              "scoring": "达到目标值得满分，否则按比例得分", "weight": 30},
             {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "参保群众满意度", "type": "≥", "value": "90", "unit": "%",
              "scoring": "达到目标值得满分，否则按比例得分", "weight": 20}]}
status, created, text, _ = call(B, "POST", "/api/v1/tables", {"table": table}, cookie=cookie, csrf=csrf)
expect(status == 201, "填报人通过实例 B 新建目标表", text[:300])
tid = created["summary"]["id"]
status, data, text, _ = call(A, "GET", f"/api/v1/tables/{tid}", cookie=cookie)
expect(status == 200 and data["summary"]["status"] == "draft", "实例 A 读到实例 B 保存的草稿")

# without the CSRF token the same cookie cannot act, on either instance
status, data, text, _ = call(A, "POST", f"/api/v1/tables/{tid}/actions/submit", {"acknowledgeWarnings": True}, cookie=cookie)
expect(status == 403, "缺少 CSRF 令牌的提交被拒绝（403）")

steps = [(B, "filler", "password-filler", "submit", "submitted"), (A, "yewu", "password-yewu", "business-review", "businessReviewed"),
         (B, "jixiao", "password-jixiao", "performance-review", "performanceReviewed"),
         (A, "caizheng", "password-caizheng", "approve", "approved")]
sessions = {"filler": (cookie, csrf)}
version = created["summary"]["version"]  # every change names the version it was made from
for base, user, password, action, want in steps:
    if user not in sessions:
        other = B if base == A else A
        sessions[user] = login(other, user, password)  # signed in on the other instance
    c, t = sessions[user]
    body = {"acknowledgeWarnings": True, "version": version}
    if action == "approve":
        body["approvalNumber"] = "测试财预〔2026〕1号"  # 批复 records its 批复文号 (issue #15)
    status, data, text, _ = call(base, "POST", f"/api/v1/tables/{tid}/actions/{action}", body, cookie=c, csrf=t)
    expect(status == 200 and data["summary"]["status"] == want, f"{user} 在另一实例登录、通过实例 {NAMES[base]} 执行 {action} → {want}", text[:300])
    version = data["summary"]["version"] if status == 200 else version

status, events, text, _ = call(B, "GET", f"/api/v1/tables/{tid}/audit", cookie=sessions["caizheng"][0])
expect([e["action"] for e in events] == ["create", "submit", "business-review", "performance-review", "approve"],
       "审计记录完整，按时间排列（两个实例写入同一条轨迹）", str([e["action"] for e in events]))
status, data, text, _ = call(A, "GET", f"/api/v1/tables/{tid}", cookie=cookie)
sign = data["table"]["signoff"]
expect(sign["filledBy"] == "填报人" and sign["businessReviewer"].startswith("业务审核 ") and sign["performanceReviewer"].startswith("绩效审核 "),
       "签署栏由操作的账号和日期填写", json.dumps(sign, ensure_ascii=False))

# a browser: the sign-in page of A, then the 首页 of B
status, _, html, hdrs = call(A, "GET", "/login")
login_cookie = re.search(r"jixiao_login_csrf=([^;]+)", " ".join(hdrs.get_all("Set-Cookie"))).group(1)
token = re.search(r'name="_csrf" value="([^"]+)"', html).group(1)
status, _, _, hdrs = call(A, "POST", "/login", form={"username": "yewu", "password": "password-yewu", "next": "/", "_csrf": token},
                          cookie="jixiao_login_csrf=" + login_cookie)
browser = session_cookie(hdrs)
expect(status == 303 and browser, "浏览器在实例 A 的登录页登录")
status, _, html, _ = call(B, "GET", "/", cookie=browser)
expect(status == 200 and "业务审核（业务股室审核）" in html and "社会保险经办经费" in html, "同一浏览器打开实例 B 的首页：已登录，看到所辖单位的表")

# sign-out through B ends the session on A too
c, t = sessions["jixiao"]
status, _, _, _ = call(B, "DELETE", "/api/v1/session", cookie=c, csrf=t)
status, _, text, _ = call(A, "GET", "/api/v1/tables", cookie=c)
expect(status == 401, "在实例 B 退出后，同一 Cookie 在实例 A 也失效（401）")

# the sign-in limit counts failures on both instances together
for i in range(5):
    call(A if i % 2 else B, "POST", "/api/v1/session", {"username": "caizheng", "password": "wrong-password"})
status, _, text, _ = call(A, "POST", "/api/v1/session", {"username": "caizheng", "password": "password-caizheng"})
expect(status == 429, "两个实例上合计 5 次密码错误后，登录被暂停（429）", text[:200])
print("两个实例共用一个数据库：会话、流程、审计和登录限制一致")
