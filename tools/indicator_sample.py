"""Write resources/samples/yinchuan-2025-indicators.xlsx: the quantified 2025 targets of the
Yinchuan development zone's 2023 reform plan as an office would keep them in Excel (title rows,
section rows, merged cells, a note under the table). The targets are the plan's; the baselines,
yearly targets and 2023–2024 actual values are illustrative, for the demo and the tests.

    .venv/bin/python tools/indicator_sample.py
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "samples" / "yinchuan-2025-indicators.xlsx"
HEADER = ["序号", "指标名称", "单位", "2022年基数", "2025年目标", "方向", "责任单位", "分年度目标", "2023年实际",
          "2024年实际", "备注"]
SECTIONS = [
    ("一、整体实力", [
        ("1", "园区工业产值", "亿元", 700, 1000, "≥", "经济发展局", "", 780, 820, "突破千亿元"),
        ("2", "工业企业R&D经费投入强度", "%", 2.2, 3, "≥", "科技局", "", 2.5, 2.9, "稳定在3%以上"),
        ("3", "自治区级及以上科技创新平台", "个", 95, 150, "≥", "科技局", "", 112, 131, "150个以上"),
        ("4", "实际利用外资额", "万美元", 2800, 5000, "≥", "招商局", "", 3300, 3500, "5000万美元以上"),
        ("5", "自治区级以上绿色工厂", "家", 5, 12, "≥", "经济发展局、环保局", "", 8, 12, "12家以上"),
    ]),
    ("二、现代产业体系", [
        ("6", "新材料产业集群规模", "亿元", 520, 900, "≥", "经济发展局", "2023:650；2024:800", 610, 700,
         "900亿产业集群"),
        ("7", "高端装备制造产业集群规模", "亿元", 120, 200, "≥", "经济发展局", "", 138, 160, "200亿产业集群"),
        ("8", "大健康产业集群规模", "亿元", 50, 80, "≥", "经济发展局", "", 56, 61, "80亿产业集群"),
        ("9", "数字经济产业主营业务收入", "亿元", 45, 100, "≥", "科技局", "", 60, 78, "100亿产业集群"),
        ("10", "现代物流产业主营业务收入", "亿元", 55, 100, "≥", "招商局", "", 62, 70, "100亿产业集群"),
    ]),
    ("三、运行机制", [
        ("11", "员额数量", "人", None, 50, "≤", "组织人事部", "", 32, 46, "控制在50人左右"),
    ]),
]


def main() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "主要指标"
    ws.append(["银川经济技术开发区推进体制机制改革促进高质量发展主要指标表"])
    ws.append(["（基期2022年，目标年份2025年；单位：见各指标）"])
    ws.append(HEADER)
    for section, rows in SECTIONS:
        ws.append([section])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(HEADER))
        for row in rows:
            ws.append(list(row))
    ws.append(["注：目标值取自《银川经济技术开发区推进体制机制改革促进高质量发展实施方案》；2022年基数、分年度目标和"
               "2023、2024年实际值为演示用的示例数据。"])
    for row in (1, 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADER))
    ws["A1"].font = Font(name="SimHei", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"].alignment = Alignment(horizontal="center")
    for cell in ws[3]:
        cell.font = Font(name="SimHei", bold=True)
    for letter, width in zip("ABCDEFGHIJK", (6, 30, 8, 11, 11, 6, 18, 20, 11, 11, 18), strict=True):
        ws.column_dimensions[letter].width = width
    wb.properties.creator = "改革任务台账"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    wb.save(OUT)
    print(OUT)


if __name__ == "__main__":
    main()
