"""One module per `drafter` verb. drafter.cli imports a verb's module only when it runs,
so `drafter --help` stays light; COMMANDS gives the list and the one-line help."""

# name → (module, attribute, short help shown by `drafter --help`)
COMMANDS = {
    "render": ("drafter.commands.render", "render", "按模板把 INPUT.yaml 生成为文稿。"),
    "validate": ("drafter.commands.validate", "validate", "只检查 INPUT.yaml 的字段是否填写正确，不生成文件。"),
    "format": ("drafter.commands.format", "format_", "按 GB/T 9704 重新排版已有的 Word 文稿或文本（.docx、.doc、.wps、.txt、.md）。"),
    "learn": ("drafter.commands.learn", "learn", "把已有的讲话稿或汇报做成本单位的模板，并写出能还原原稿的输入文件。"),
    "check": ("drafter.commands.check", "check", "检查文稿中常见的错误：单位称谓、重复段落、编号、职务、过时提法、用词。"),
    "templates": ("drafter.commands.templates", "templates", "列出可用的模板（名称、说明、来源）；子命令 show、new。"),
    "init": ("drafter.commands.init", "init", "为模板生成一份带中文注释、可直接生成文稿的 YAML 输入文件。"),
    "schema": ("drafter.commands.schema", "schema", "输出模板的输入文件 JSON Schema，供编辑器自动补全和检查。"),
    "serve": ("drafter.commands.serve", "serve", "在浏览器里填写、预览、保存：打开本机网页。"),
}
