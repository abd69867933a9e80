import { useTranslate } from 'react-admin';
import { useErrorText } from '../common/errors';
import { issuanceErrorMessage } from './api';

/** An error as the user reads it: issuance codes in their own words, others as the console shows them. */
export function useIssuanceError(): (error: unknown) => string {
  const translate = useTranslate();
  const errorText = useErrorText();
  return (error) => {
    const known = issuanceErrorMessage(error);
    return known ? translate(known.key, known.args) : errorText(error);
  };
}
