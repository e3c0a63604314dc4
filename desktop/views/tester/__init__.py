"""测试人员控制台: the tester panel (time travel, scenarios, fault injection, SMS outbox).

``action`` is light and imported by the login and main windows; ``panel`` (the window itself)
is imported only when a tester opens it.
"""
