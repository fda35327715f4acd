using Library.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Library.BuildingBlocks.Http;

public static class ActorHttpExtensions
{
    /// <summary>
    /// Who is calling, for the events the request will publish: the token's subject and role. A caller
    /// without a token is <see cref="Contracts.Actor.Anonymous"/>, which only a route open to anyone can see.
    /// </summary>
    /// <summary>The caller of the request (after a policy authenticated it); null when anonymous.</summary>
    public static Caller? GetCaller(this HttpContext http) => Caller.From(http.User);

    public static Contracts.Actor Actor(this HttpContext http) => Caller.From(http.User)?.ToActor() ?? Contracts.Actor.Anonymous;
}
