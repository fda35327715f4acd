using Library.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;

namespace Library.BuildingBlocks.Http;

public static class ResultHttpExtensions
{
    public static IResult ToHttpResult<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value) : result.Error.ToProblem();

    /// <summary>200 with the value, its version also as the ETag to send back in If-Match.</summary>
    public static IResult ToVersionedOk<T>(this Result<T> result, HttpResponse response, Func<T, long> version) =>
        result.ToHttpResult(value =>
        {
            response.SetETag(version(value));
            return TypedResults.Ok(value);
        });

    public static IResult ToHttpResult(this Result result, Func<IResult> onSuccess) =>
        result.IsSuccess ? onSuccess() : result.Error.ToProblem();
}
