"""Positions, their risk profiles (岗位风险等级表) and the company disclosure (企业信息告知书)."""
