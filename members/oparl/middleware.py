"""OParl's answers are for every origin (2-06), also those no view of the interface makes: the page
cache's 304 to a client that holds the answer already carries only the validator."""

PREFIX = "/oparl/"


class EveryOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PREFIX) and not response.has_header("Access-Control-Allow-Origin"):
            response["Access-Control-Allow-Origin"] = "*"
        return response
