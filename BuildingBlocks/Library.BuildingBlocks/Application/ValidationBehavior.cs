using FluentValidation;
using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.BuildingBlocks.Application;

/// <summary>
/// Runs every FluentValidation validator of a message before its handler and turns failures into a
/// 400 result with the failing fields, so handlers only ever see well-formed input.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IResult<TResponse>
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        Dictionary<string, List<string>>? failures = null;
        foreach (var validator in validators)
        {
            var outcome = await validator.ValidateAsync(message, cancellationToken);
            foreach (var failure in outcome.Errors)
            {
                failures ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
                var field = JsonFieldName(failure.PropertyName);
                if (!failures.TryGetValue(field, out var messages))
                {
                    failures[field] = messages = [];
                }

                messages.Add(failure.ErrorMessage);
            }
        }

        if (failures is null)
        {
            return await next(message, cancellationToken);
        }

        var fields = failures.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal);
        return TResponse.Failure(Error.Validation(
            CommonErrors.ValidationFailedCode,
            "One or more fields are invalid.",
            fields));
    }

    /// <summary>Validators name C# properties ("Consents.Gdpr", "Interests[2]"); clients see JSON names.</summary>
    internal static string JsonFieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
