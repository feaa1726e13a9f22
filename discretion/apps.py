from django.apps import AppConfig


class DiscretionConfig(AppConfig):
    name = "discretion"
    verbose_name = "行政裁量权基准"
