# Los datos de los miembros, a salvo: confirmación antes de borrar, fichas
# del catálogo que nunca se sobrescriben, reseñas que conservan su texto.

safety-cancel = Cancelar
safety-drama-exists = **{ $title }** ya está en el catálogo de este servidor y no se ha cambiado nada. Para modificar sus datos, usa `/catalog edit`.
safety-track-exists = **{ $title }** ({ $drama }) ya está en el catálogo de este servidor y no se ha cambiado nada. Para modificar sus datos, usa `/catalog edit`.
safety-shared-entry = Esa ficha es del catálogo común. Solo se pueden editar o quitar las que ha añadido este servidor.
safety-nothing-to-edit = Indica al menos un campo que cambiar, por ejemplo `title` o `year`.
safety-not-your-confirmation = Solo puede responder quien lo ha pedido.
safety-confirmation-gone = Esta petición ya se ha respondido o ha caducado. Vuelve a usar el comando.
safety-catalog-edited = Se ha actualizado **{ $entry }**. Los campos que no has indicado siguen igual.

safety-review-text-kept = Se mantiene el texto que escribiste. Para quitarlo, vuelve a reseñar con `text: -`.
safety-track-in-other-drama = Esa canción no es de **{ $drama }**. ¿Buscabas **{ $track }**?
safety-review-that-track = Reseñar esta canción

safety-forget-prompt = Esto borra para siempre, en todos los servidores:
    • { $reviews ->
        [one] 1 reseña
       *[other] { $reviews } reseñas
    } y { $versions ->
        [one] 1 versión anterior
       *[other] { $versions } versiones anteriores
    }
    • tus votos en { $ballots ->
        [one] 1 encuesta
       *[other] { $ballots } encuestas
    }
    • { $nominations ->
        [one] 1 nominación semanal
       *[other] { $nominations } nominaciones semanales
    }
    Las puntuaciones de la comunidad cambiarán en consecuencia. No se puede deshacer.
safety-forget-done = Hecho. Borrado en todos los servidores: { $reviews ->
        [one] 1 reseña
       *[other] { $reviews } reseñas
    } (con { $versions ->
        [one] 1 versión anterior
       *[other] { $versions } versiones anteriores
    }), tus votos en { $ballots ->
        [one] 1 encuesta
       *[other] { $ballots } encuestas
    } y { $nominations ->
        [one] 1 nominación
       *[other] { $nominations } nominaciones
    }.

safety-remove-review-prompt = ¿Quitar la reseña **#{ $id }** de **{ $author }** sobre { $subject } ({ $score }/10)? Quedará registrado.
safety-remove-review-confirm = Quitar la reseña
safety-remove-review-kept = No se ha quitado la reseña.

safety-config-reset-prompt = ¿Restablecer todos los ajustes de este servidor? Se desactivan el canal de reseñas, el canal de sugerencias, los roles y el ciclo semanal, y las páginas públicas dejan de estar disponibles (si las vuelves a activar, tendrán un enlace nuevo). Las encuestas abiertas se cerrarán a su hora.
safety-config-reset-confirm = Restablecerlo todo
safety-config-reset-kept = No se ha cambiado nada.

safety-remove-entry-prompt = **{ $entry }** tiene datos de miembros: { $reviews ->
        [one] 1 reseña
       *[other] { $reviews } reseñas
    }, { $options ->
        [one] 1 opción de encuesta
       *[other] { $options } opciones de encuesta
    } y { $nominations ->
        [one] 1 nominación
       *[other] { $nominations } nominaciones
    }.
    Con **Ocultar** sale de las búsquedas y se conserva todo (las reseñas siguen en los perfiles y las exportaciones). **Borrar** la elimina para siempre junto con sus reseñas.
safety-remove-entry-hide = Ocultarla y conservar las reseñas
safety-remove-entry-purge = Borrarla con sus reseñas
safety-remove-entry-kept = No se ha quitado nada.
safety-remove-entry-hidden = La ficha ya no aparece en las búsquedas. Las reseñas de los miembros se conservan.
safety-remove-entry-purged = Se han borrado la ficha y todo lo que tenía asociado.
