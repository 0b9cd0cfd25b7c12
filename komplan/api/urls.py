from ninja import NinjaAPI

api = NinjaAPI(title="komplan API", version="1", urls_namespace="api")
