"""ID number rules: the one implementation lives in ``zikao_common.idnumber``."""

from zikao_common.idnumber import IdNumberError, IdNumberInfo, check_digit, make_id_number, parse_id_number

__all__ = ["IdNumberError", "IdNumberInfo", "check_digit", "make_id_number", "parse_id_number"]
