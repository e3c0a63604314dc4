"""The examinee's own profile: personal data, ID photo, phone number (docs/rules.md#profile)."""
