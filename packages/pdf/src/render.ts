import { defaultUnits, outputContext, type FormDefinition, type OutputContext } from '@tianbao/form';
import { formDocument } from './document.ts';
import { setupPdfmake } from './fonts.ts';

/** The printed form, as PDF bytes. */
export async function renderPdf(
  def: FormDefinition<any>,
  data: Record<string, any>,
  ctx: OutputContext = outputContext(data, defaultUnits),
): Promise<Buffer> {
  const pdfmake = setupPdfmake();
  return pdfmake.createPdf(formDocument(def, data, ctx)).getBuffer();
}
