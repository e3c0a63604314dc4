"""毕业申请: eligibility, the examinee's application and the staff's review (docs/rules.md#graduation)."""
