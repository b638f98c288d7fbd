namespace Coopdir.Shared;

/// <summary>
/// HEAD answers every GET route with the GET's status and headers and no body: link checkers, uptime monitors and
/// <c>curl -I</c> ask with HEAD, and minimal APIs route only the methods they are mapped with.
/// </summary>
public static class HeadRequests
{
    /// <summary>Goes before routing: the request is routed and answered as the GET it mirrors, and the body is dropped.</summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var body = context.Response.Body;
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            // Back to HEAD before the response completes, so the server sends the GET's Content-Length without its bytes.
            context.Request.Method = HttpMethods.Head;
            context.Response.Body = body;
        }
    });
}
