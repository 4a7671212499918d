// i18n.js: the one message catalogue of the web UI.
//
// Every string the user can see lives in the table below, including the Chinese labels for the API's enumeration codes
// (roles, department kinds, organisation levels, audit actions and entities, error codes). Pages call t(key, params);
// enumeration codes go through label(kind, code), which falls back to the raw code for a value the catalogue does not
// know yet (so a new server-side code shows up as itself instead of as an empty cell).

const zhCN = {
  // Product and shell
  'app.name': '检务',
  'app.subtitle': '检察业务管理系统',
  'app.title_suffix': '检务',
  'app.skip_to_content': '跳到主要内容',
  'app.loading': '正在加载…',
  'app.boot_failed': '无法连接服务器',
  'app.boot_failed_hint': '请检查网络连接，或稍后重试。',
  'app.retry': '重试',
  'app.not_found': '页面不存在',
  'app.not_found_hint': '地址 {path} 没有对应的页面。',
  'app.forbidden': '无权访问',
  'app.forbidden_hint': '您的角色没有访问此页面的权限。',
  'app.back_home': '返回首页',
  'app.session_expired': '登录已失效，请重新登录。',

  // User menu
  'menu.user': '用户菜单',
  'menu.password': '修改密码',
  'menu.logout': '退出',

  // Navigation
  'nav.label': '主导航',
  'nav.home': '首页',
  'nav.group.admin': '管理',
  'nav.orgs': '组织机构',
  'nav.departments': '部门',
  'nav.users': '用户',
  'nav.audit': '审计日志',

  // Common words and actions
  'common.save': '保存',
  'common.saving': '正在保存…',
  'common.cancel': '取消',
  'common.edit': '修改',
  'common.add': '添加',
  'common.search': '查询',
  'common.reset': '重置',
  'common.all': '全部',
  'common.none': '无',
  'common.dash': '—',
  'common.loading': '正在加载…',
  'common.empty': '没有记录',
  'common.saved': '已保存',
  'common.actions': '操作',
  'common.created_at': '创建时间',
  'common.required': '必填',
  'common.back': '返回',
  'common.yes': '是',
  'common.no': '否',
  'common.error_title': '出错了',

  // Pager
  'pager.summary': '共 {total} 条，第 {from}–{to} 条',
  'pager.summary_empty': '共 0 条',
  'pager.prev': '上一页',
  'pager.next': '下一页',
  'pager.label': '分页',

  // Client-side validation
  'valid.required': '此项不能为空',
  'valid.password_length': '密码长度应为 8 到 128 个字符',
  'valid.password_mismatch': '两次输入的新密码不一致',
  'valid.code_format': '代码应为 2 到 32 个小写字母、数字、下划线或连字符',
  'valid.login_format': '登录名应为 2 到 32 个小写字母、数字、点、下划线或连字符',
  'valid.max_length': '不能超过 {max} 个字符',
  'valid.roles_required': '至少选择一个角色',
  'valid.date_range': '开始日期不能晚于结束日期',

  // Login
  'login.title': '登录',
  'login.heading': '用户登录',
  'login.login': '登录名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.footer': '本系统仅限本院内网使用',

  // Home
  'home.title': '首页',
  'home.greeting': '{name}，您好',
  'home.org': '单位',
  'home.department': '部门',
  'home.roles': '角色',
  'home.login': '登录名',
  'home.no_department': '未分配部门',
  'home.quick_links': '常用功能',
  'home.no_links': '暂无可用功能。',
  'home.desc.orgs': '本院及下级院',
  'home.desc.departments': '部门设置与人数',
  'home.desc.users': '账户、角色与密码',
  'home.desc.audit': '操作记录查询',
  'home.desc.password': '修改本人登录密码',

  // Change own password
  'password.title': '修改密码',
  'password.old': '原密码',
  'password.new': '新密码',
  'password.repeat': '再次输入新密码',
  'password.hint': '8 到 128 个字符',
  'password.submit': '修改密码',
  'password.done': '密码已修改',

  // Organisations
  'orgs.title': '组织机构',
  'orgs.code': '代码',
  'orgs.name': '名称',
  'orgs.level': '级别',
  'orgs.parent': '上级院',
  'orgs.add_title': '新增下级院',
  'orgs.submit': '新增',
  'orgs.created': '已新增 {name}',
  'orgs.code_hint': '小写字母、数字、_ 或 -，2 到 32 位，全系统唯一',
  'orgs.own': '本院',

  // Departments
  'departments.title': '部门',
  'departments.name': '部门名称',
  'departments.kind': '类别',
  'departments.user_count': '人数',
  'departments.add_title': '新增部门',
  'departments.submit': '新增',
  'departments.created': '已新增 {name}',
  'departments.view_users': '查看 {name} 的用户',

  // Users
  'users.title': '用户',
  'users.new': '新建用户',
  'users.search': '登录名或姓名',
  'users.search_label': '搜索',
  'users.department': '部门',
  'users.role': '角色',
  'users.active': '状态',
  'users.login': '登录名',
  'users.name': '姓名',
  'users.roles': '角色',
  'users.status': '状态',
  'users.status_active': '启用',
  'users.status_inactive': '停用',
  'users.no_department': '未分配',
  'users.password_initial': '初始密码',
  'users.login_hint': '小写字母、数字、.、_ 或 -，2 到 32 位，创建后不可修改',
  'users.create_title': '新建用户',
  'users.create_submit': '创建用户',
  'users.created': '已创建用户 {name}',
  'users.edit_title': '用户：{name}',
  'users.edit_submit': '保存修改',
  'users.section_profile': '基本信息',
  'users.section_status': '账户状态',
  'users.section_password': '重置密码',
  'users.status_now_active': '当前状态：启用',
  'users.status_now_inactive': '当前状态：停用',
  'users.deactivate': '停用',
  'users.activate': '启用',
  'users.deactivated': '账户已停用',
  'users.activated': '账户已启用',
  'users.self_note': '这是您本人的账户：不能停用，也不能去掉自己的系统管理员角色。',
  'users.reset_password_new': '新密码',
  'users.reset_password_hint': '设置后请告知本人尽快修改；同时解除账户锁定。',
  'users.reset_password_submit': '重置密码',
  'users.password_reset_done': '密码已重置',
  'users.back_to_list': '返回用户列表',

  // Audit log
  'audit.title': '审计日志',
  'audit.action': '操作',
  'audit.entity': '对象',
  'audit.user': '用户',
  'audit.from': '开始日期',
  'audit.to': '结束日期',
  'audit.at': '时间',
  'audit.entity_id': '对象编号',
  'audit.details': '详情',
  'audit.show': '展开',
  'audit.hide': '收起',
  'audit.before': '修改前',
  'audit.after': '修改后',
  'audit.no_data': '（无）',
  'audit.filter_submit': '查询',
  'audit.user_option': '{login}（{name}）',

  // Role labels (roles in the API)
  'role.admin': '系统管理员',
  'role.leader': '院领导',
  'role.prosecutor': '检察官',
  'role.assistant': '检察官助理',
  'role.case_manager': '案件管理',
  'role.admin_prosecutor': '行政检察',
  'role.petition_officer': '控告申诉',
  'role.political_officer': '政治部',
  'role.clerk': '书记员',

  // Department kinds
  'dept_kind.criminal': '刑事检察',
  'dept_kind.case_management': '案件管理',
  'dept_kind.administrative': '行政检察',
  'dept_kind.petition': '控告申诉',
  'dept_kind.political': '政治部',
  'dept_kind.leadership': '院领导',
  'dept_kind.office': '办公室',
  'dept_kind.other': '其他',

  // Organisation levels
  'org_level.province': '省级院',
  'org_level.city': '市级院',
  'org_level.county': '县级院',

  // Audit actions
  'audit_action.org.create': '新增组织机构',
  'audit_action.org.update': '修改组织机构',
  'audit_action.department.create': '新增部门',
  'audit_action.department.update': '修改部门',
  'audit_action.user.create': '新建用户',
  'audit_action.user.update': '修改用户',
  'audit_action.user.password_reset': '重置用户密码',
  'audit_action.session.password_change': '修改本人密码',
  'audit_action.session.login': '登录',
  'audit_action.session.login_failed': '登录失败',
  'audit_action.session.logout': '退出',

  // Audit entities
  'audit_entity.org': '组织机构',
  'audit_entity.department': '部门',
  'audit_entity.user': '用户',
  'audit_entity.session': '会话',

  // API error codes (used when a reply carries no message of its own)
  'error.bad_json': '请求格式错误',
  'error.validation_failed': '输入有误',
  'error.unauthenticated': '请先登录',
  'error.login_failed': '登录名或密码错误',
  'error.forbidden': '无权执行此操作',
  'error.csrf_failed': '页面已过期，请刷新后重试',
  'error.not_found': '记录不存在',
  'error.method_not_allowed': '不支持的操作',
  'error.conflict': '该值已存在',
  'error.too_large': '提交的内容过大',
  'error.unsupported_media_type': '请求格式错误',
  'error.account_locked': '账户已锁定，请 15 分钟后再试',
  'error.internal': '服务器内部错误，请联系管理员',
  'error.network': '无法连接服务器，请检查网络后重试',
  'error.bad_reply': '服务器返回了无法识别的内容',
  'error.unknown': '操作失败',
};

// The code lists the UI offers in selects and checkboxes, in display order.
export const ROLES = ['admin', 'leader', 'prosecutor', 'assistant', 'case_manager', 'admin_prosecutor',
  'petition_officer', 'political_officer', 'clerk'];
export const DEPARTMENT_KINDS = ['criminal', 'case_management', 'administrative', 'petition', 'political',
  'leadership', 'office', 'other'];
export const ORG_LEVELS = ['province', 'city', 'county'];
export const AUDIT_ACTIONS = ['org.create', 'org.update', 'department.create', 'department.update', 'user.create',
  'user.update', 'user.password_reset', 'session.password_change', 'session.login', 'session.login_failed',
  'session.logout'];
export const AUDIT_ENTITIES = ['org', 'department', 'user', 'session'];

const table = zhCN;

/**
 * t: the message for key, with every "{name}" replaced by String(params[name]).
 * An unknown key returns the key itself, so a missing entry is visible rather than blank.
 */
export function t(key, params) {
  let s = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
  if (params) {
    s = s.replace(/\{(\w+)\}/g, (m, name) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m);
  }
  return s;
}

/**
 * label: the Chinese label of an enumeration code; kind is one of 'role', 'dept_kind', 'org_level', 'audit_action',
 * 'audit_entity', 'error'. Falls back to the code itself when the catalogue has no entry.
 */
export function label(kind, code) {
  if (code === null || code === undefined || code === '') return '';
  const key = kind + '.' + code;
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : String(code);
}
